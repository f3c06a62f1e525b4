-- Revenue bridge per period, customer by customer: revenue in the previous period + new customers'
-- revenue + returning + expansion - contraction - lost = revenue in the period, and net revenue
-- retention. The definitions of the add-in's CX.REVENUE_BRIDGE (README, "Periodic figures"), on
-- transactions(customer_id, purchase_date, amount). Parameter: the period ('month', 'quarter',
-- 'week' for ISO weeks, 'year'). Periods run from the first purchase's to the last's.
WITH RECURSIVE params AS (
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
periods AS (
  SELECT first_start AS period_start FROM bounds
  UNION ALL
  SELECT CAST(p.period_start + s.step AS DATE) FROM periods p CROSS JOIN steps s CROSS JOIN bounds b
  WHERE p.period_start < b.last_start
),
grid AS (
  SELECT p.period_start FROM periods p
),
-- Each customer's orders and revenue in each period they bought in.
customer_periods AS (
  SELECT t.customer_id, CAST(date_trunc(s.period, t.purchase_date) AS DATE) AS period_start, COUNT(*) AS orders, SUM(t.amount) AS revenue
  FROM transactions t CROSS JOIN steps s
  GROUP BY t.customer_id, CAST(date_trunc(s.period, t.purchase_date) AS DATE)
),
-- Each customer's periods in order: r1 (this period), r0 (the period before: their revenue there
-- if they bought in it, else 0), and whether they buy again in the next period.
ordered AS (
  SELECT c.customer_id, c.period_start, c.revenue AS r1,
    CAST(c.period_start + s.step AS DATE) AS next_start,
    CASE WHEN LAG(c.period_start) OVER w = CAST(c.period_start - s.step AS DATE) THEN LAG(c.revenue) OVER w ELSE 0 END AS r0,
    LAG(c.period_start) OVER w AS earlier_period,
    LEAD(c.period_start) OVER w AS later_period
  FROM customer_periods c CROSS JOIN steps s
  WINDOW w AS (PARTITION BY c.customer_id ORDER BY c.period_start)
),
-- A customer's line of the bridge in each period they bought in, and a lost line in the period after
-- one they bought in when they do not buy in it.
movements AS (
  SELECT period_start, r1 AS revenue,
    CASE WHEN earlier_period IS NULL THEN r1 ELSE 0 END AS new_revenue,
    CASE WHEN earlier_period IS NOT NULL AND r0 = 0 AND r1 > 0 THEN r1 ELSE 0 END AS returning_revenue,
    CASE WHEN r0 > 0 AND r1 > r0 THEN r1 - r0 ELSE 0 END AS expansion,
    CASE WHEN r0 > 0 AND r1 > 0 AND r1 < r0 THEN r1 - r0 ELSE 0 END AS contraction,
    CASE WHEN r0 > 0 AND r1 = 0 THEN -r0 ELSE 0 END AS lost_revenue
  FROM ordered
  UNION ALL
  SELECT o.next_start, 0, 0, 0, 0, 0, -o.r1
  FROM ordered o CROSS JOIN bounds b
  WHERE o.r1 > 0 AND (o.later_period IS NULL OR o.later_period > o.next_start) AND o.next_start <= b.last_start
),
bridge AS (
  SELECT period_start, SUM(new_revenue) AS new_revenue, SUM(returning_revenue) AS returning_revenue, SUM(expansion) AS expansion,
    SUM(contraction) AS contraction, SUM(lost_revenue) AS lost_revenue, SUM(revenue) AS revenue
  FROM movements
  GROUP BY period_start
),
totals AS (
  SELECT g.period_start,
    COALESCE(LAG(b.revenue) OVER (ORDER BY g.period_start), 0) AS previous_revenue,
    COALESCE(b.new_revenue, 0) AS new_revenue, COALESCE(b.returning_revenue, 0) AS returning_revenue,
    COALESCE(b.expansion, 0) AS expansion, COALESCE(b.contraction, 0) AS contraction,
    COALESCE(b.lost_revenue, 0) AS lost_revenue, COALESCE(b.revenue, 0) AS revenue
  FROM grid g LEFT JOIN bridge b ON b.period_start = g.period_start
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
