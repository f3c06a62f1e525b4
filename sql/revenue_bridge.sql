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
  SELECT p.period_start, CAST(p.period_start - s.step AS DATE) AS previous_start FROM periods p CROSS JOIN steps s
),
-- Each customer's orders and revenue in each period they bought in, and the period of their first purchase.
customer_periods AS (
  SELECT t.customer_id, CAST(date_trunc(s.period, t.purchase_date) AS DATE) AS period_start, COUNT(*) AS orders, SUM(t.amount) AS revenue
  FROM transactions t CROSS JOIN steps s
  GROUP BY t.customer_id, CAST(date_trunc(s.period, t.purchase_date) AS DATE)
),
firsts AS (
  SELECT customer_id, MIN(period_start) AS first_period FROM customer_periods GROUP BY customer_id
),
-- Every customer who bought in a period or the one before it, with r0 (before) and r1 (now).
pairs AS (
  SELECT g.period_start, c.customer_id FROM grid g JOIN customer_periods c ON c.period_start = g.period_start
  UNION
  SELECT g.period_start, c.customer_id FROM grid g JOIN customer_periods c ON c.period_start = g.previous_start
),
moves AS (
  SELECT p.period_start, f.first_period, COALESCE(c0.revenue, 0) AS r0, COALESCE(c1.revenue, 0) AS r1
  FROM pairs p
  JOIN firsts f ON f.customer_id = p.customer_id
  JOIN grid g ON g.period_start = p.period_start
  LEFT JOIN customer_periods c1 ON c1.customer_id = p.customer_id AND c1.period_start = g.period_start
  LEFT JOIN customer_periods c0 ON c0.customer_id = p.customer_id AND c0.period_start = g.previous_start
),
bridge AS (
  SELECT period_start,
    SUM(r0) AS previous_revenue,
    SUM(CASE WHEN first_period = period_start THEN r1 ELSE 0 END) AS new_revenue,
    SUM(CASE WHEN first_period < period_start AND r0 = 0 AND r1 > 0 THEN r1 ELSE 0 END) AS returning_revenue,
    SUM(CASE WHEN r0 > 0 AND r1 > r0 THEN r1 - r0 ELSE 0 END) AS expansion,
    SUM(CASE WHEN r0 > 0 AND r1 > 0 AND r1 < r0 THEN r1 - r0 ELSE 0 END) AS contraction,
    SUM(CASE WHEN r0 > 0 AND r1 = 0 THEN -r0 ELSE 0 END) AS lost_revenue,
    SUM(r1) AS revenue
  FROM moves
  GROUP BY period_start
)
SELECT
  CASE s.period
    WHEN 'month' THEN CAST(EXTRACT(YEAR FROM g.period_start) AS VARCHAR) || '-' || LPAD(CAST(EXTRACT(MONTH FROM g.period_start) AS VARCHAR), 2, '0')
    WHEN 'quarter' THEN CAST(EXTRACT(YEAR FROM g.period_start) AS VARCHAR) || '-Q' || CAST(EXTRACT(QUARTER FROM g.period_start) AS VARCHAR)
    WHEN 'week' THEN CAST(EXTRACT(ISOYEAR FROM g.period_start) AS VARCHAR) || '-W' || LPAD(CAST(EXTRACT(WEEK FROM g.period_start) AS VARCHAR), 2, '0')
    ELSE CAST(EXTRACT(YEAR FROM g.period_start) AS VARCHAR)
  END AS period,
  COALESCE(b.previous_revenue, 0) AS previous_revenue,
  COALESCE(b.new_revenue, 0) AS new_revenue,
  COALESCE(b.returning_revenue, 0) AS returning_revenue,
  COALESCE(b.expansion, 0) AS expansion,
  COALESCE(b.contraction, 0) AS contraction,
  COALESCE(b.lost_revenue, 0) AS lost_revenue,
  COALESCE(b.revenue, 0) AS revenue,
  CASE WHEN COALESCE(b.previous_revenue, 0) = 0 THEN NULL
       ELSE (b.previous_revenue + b.expansion + b.contraction + b.lost_revenue) / b.previous_revenue END AS net_revenue_retention
FROM grid g CROSS JOIN steps s LEFT JOIN bridge b ON b.period_start = g.period_start
ORDER BY g.period_start;
