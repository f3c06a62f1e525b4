-- Spark SQL 3.x variant of ../revenue_bridge.sql (the same figures, CX.REVENUE_BRIDGE's).
-- UNTESTED: no Spark could be run where this project is built and tested (sql/README.md, "Spark SQL 3").
-- Differs from the PostgreSQL/DuckDB file in: periods from sequence() and add_months/date_add (no generate_series), STRING for VARCHAR, weekofyear and EXTRACT(YEAROFWEEK ...) for the ISO week and its year.
WITH params AS (
  SELECT 'month' AS period
),
steps AS (
  -- months per period (0: a week of 7 days)
  SELECT period, CASE period WHEN 'month' THEN 1 WHEN 'quarter' THEN 3 WHEN 'week' THEN 0 ELSE 12 END AS months
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
  SELECT period_start,
    CASE WHEN months = 0 THEN date_sub(period_start, 7) ELSE add_months(period_start, -months) END AS previous_start,
    CASE WHEN months = 0 THEN date_add(period_start, 7) ELSE add_months(period_start, months) END AS next_start
  FROM (
    SELECT s.months, CASE WHEN s.months = 0 THEN date_add(b.first_start, 7 * i) ELSE add_months(b.first_start, s.months * i) END AS period_start
    FROM bounds b CROSS JOIN steps s
    LATERAL VIEW explode(sequence(0, CASE WHEN s.months = 0 THEN datediff(b.last_start, b.first_start) DIV 7
                                         ELSE CAST(months_between(b.last_start, b.first_start) AS INT) DIV s.months END)) n AS i
  ) p
),
-- Each customer's revenue in each period they bought in.
customer_periods AS (
  SELECT t.customer_id, CAST(date_trunc(s.period, t.purchase_date) AS DATE) AS period_start, SUM(t.amount) AS revenue
  FROM transactions t CROSS JOIN steps s
  GROUP BY t.customer_id, CAST(date_trunc(s.period, t.purchase_date) AS DATE)
),
ordered AS (
  SELECT period_start, revenue,
    LAG(period_start) OVER w AS earlier_period,
    LAG(revenue) OVER w AS earlier_revenue,
    LEAD(period_start) OVER w AS later_period
  FROM customer_periods
  WINDOW w AS (PARTITION BY customer_id ORDER BY period_start)
),
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
    WHEN 'month' THEN CAST(year(g.period_start) AS STRING) || '-' || lpad(CAST(month(g.period_start) AS STRING), 2, '0')
    WHEN 'quarter' THEN CAST(year(g.period_start) AS STRING) || '-Q' || CAST(quarter(g.period_start) AS STRING)
    WHEN 'week' THEN CAST(EXTRACT(YEAROFWEEK FROM g.period_start) AS STRING) || '-W' || lpad(CAST(weekofyear(g.period_start) AS STRING), 2, '0')
    ELSE CAST(year(g.period_start) AS STRING)
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
