-- Revenue bridge per period, customer by customer: revenue in the previous period + new customers'
-- revenue + returning + expansion - contraction - lost = revenue in the period, and net revenue
-- retention. The definitions of the add-in's CX.REVENUE_BRIDGE (README, "Periodic figures"), on
-- transactions(customer_id, purchase_date, amount). Parameter: the period ('month', 'quarter',
-- 'week' for ISO weeks, 'year'). Periods run from the first purchase's to the last's.
WITH params AS (
  SELECT 'month' AS period
),
steps AS (
  SELECT period,
    CASE period WHEN 'month' THEN INTERVAL '1 month' WHEN 'quarter' THEN INTERVAL '3 months'
                WHEN 'week' THEN INTERVAL '7 days' ELSE INTERVAL '1 year' END AS step
  FROM params
),
bounds AS (
  SELECT CAST(date_trunc(s.period, MIN(t.purchase_date)) AS DATE) AS first_start,
         CAST(date_trunc(s.period, MAX(t.purchase_date)) AS DATE) AS last_start
  FROM transactions t CROSS JOIN steps s
  GROUP BY s.period
),
-- The periods from the first purchase's to the last's, empty ones included, each with the one before and after it.
grid AS (
  SELECT CAST(g.period_start AS DATE) AS period_start,
    CAST(g.period_start - s.step AS DATE) AS previous_start,
    CAST(g.period_start + s.step AS DATE) AS next_start
  FROM bounds b CROSS JOIN steps s
    CROSS JOIN generate_series(CAST(b.first_start AS TIMESTAMP), CAST(b.last_start AS TIMESTAMP), s.step) AS g(period_start)
),
-- Each customer's revenue in each period they bought in.
customer_periods AS (
  SELECT t.customer_id, CAST(date_trunc(s.period, t.purchase_date) AS DATE) AS period_start, SUM(t.amount) AS revenue
  FROM transactions t CROSS JOIN steps s
  GROUP BY t.customer_id, CAST(date_trunc(s.period, t.purchase_date) AS DATE)
),
-- Each customer's periods in order, with the period they bought in before and after it.
ordered AS (
  SELECT period_start, revenue,
    LAG(period_start) OVER w AS earlier_period,
    LAG(revenue) OVER w AS earlier_revenue,
    LEAD(period_start) OVER w AS later_period
  FROM customer_periods
  WINDOW w AS (PARTITION BY customer_id ORDER BY period_start)
),
-- A customer's line of the bridge in a period they bought in: r1 (revenue in it) against r0 (their
-- revenue in the period before, 0 if they did not buy in it); and what they bought for in it when
-- they do not buy in the next period, which the next period's bridge loses.
lines AS (
  SELECT o.period_start, o.revenue AS r1, o.earlier_period,
    CASE WHEN o.earlier_period = g.previous_start THEN o.earlier_revenue ELSE 0 END AS r0,
    CASE WHEN o.later_period IS NULL OR o.later_period > g.next_start THEN o.revenue ELSE 0 END AS lost_next
  FROM ordered o JOIN grid g ON g.period_start = o.period_start
),
movements AS (
  SELECT period_start,
    SUM(r1) AS revenue,
    SUM(CASE WHEN earlier_period IS NULL THEN r1 ELSE 0 END) AS new_revenue,
    SUM(CASE WHEN earlier_period IS NOT NULL AND r0 = 0 AND r1 > 0 THEN r1 ELSE 0 END) AS returning_revenue,
    SUM(CASE WHEN r0 > 0 AND r1 > r0 THEN r1 - r0 ELSE 0 END) AS expansion,
    SUM(CASE WHEN r0 > 0 AND r1 > 0 AND r1 < r0 THEN r1 - r0 ELSE 0 END) AS contraction,
    SUM(CASE WHEN r0 > 0 AND r1 = 0 THEN -r0 ELSE 0 END) AS lost_here,
    SUM(lost_next) AS lost_next
  FROM lines
  GROUP BY period_start
),
totals AS (
  SELECT g.period_start,
    COALESCE(p.revenue, 0) AS previous_revenue,
    COALESCE(m.new_revenue, 0) AS new_revenue, COALESCE(m.returning_revenue, 0) AS returning_revenue,
    COALESCE(m.expansion, 0) AS expansion, COALESCE(m.contraction, 0) AS contraction,
    COALESCE(m.lost_here, 0) - COALESCE(p.lost_next, 0) AS lost_revenue, COALESCE(m.revenue, 0) AS revenue
  FROM grid g
    LEFT JOIN movements m ON m.period_start = g.period_start
    LEFT JOIN movements p ON p.period_start = g.previous_start
)
SELECT
  CASE s.period
    WHEN 'month' THEN CAST(EXTRACT(YEAR FROM g.period_start) AS VARCHAR) || '-' || LPAD(CAST(EXTRACT(MONTH FROM g.period_start) AS VARCHAR), 2, '0')
    WHEN 'quarter' THEN CAST(EXTRACT(YEAR FROM g.period_start) AS VARCHAR) || '-Q' || CAST(EXTRACT(QUARTER FROM g.period_start) AS VARCHAR)
    WHEN 'week' THEN CAST(EXTRACT(ISOYEAR FROM g.period_start) AS VARCHAR) || '-W' || LPAD(CAST(EXTRACT(WEEK FROM g.period_start) AS VARCHAR), 2, '0')
    ELSE CAST(EXTRACT(YEAR FROM g.period_start) AS VARCHAR)
  END AS period,
  g.previous_revenue,
  g.new_revenue,
  g.returning_revenue,
  g.expansion,
  g.contraction,
  g.lost_revenue,
  g.revenue,
  CASE WHEN g.previous_revenue = 0 THEN NULL
       ELSE (g.previous_revenue + g.expansion + g.contraction + g.lost_revenue) / g.previous_revenue END AS net_revenue_retention
FROM totals g CROSS JOIN steps s
ORDER BY g.period_start;
