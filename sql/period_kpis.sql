-- Activity per period: buyers, new buyers (first purchase ever), orders, revenue, average order
-- value, orders per buyer and the share of buyers with two or more orders. The definitions of the
-- add-in's CX.PERIOD_KPIS (README, "Periodic figures"), on transactions(customer_id, purchase_date,
-- amount). Parameter: the period ('month', 'quarter', 'week' for ISO weeks, 'year').
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
activity AS (
  SELECT c.period_start,
    COUNT(*) AS buyers,
    SUM(CASE WHEN f.first_period = c.period_start THEN 1 ELSE 0 END) AS new_buyers,
    SUM(c.orders) AS orders,
    SUM(c.revenue) AS revenue,
    SUM(CASE WHEN c.orders >= 2 THEN 1 ELSE 0 END) AS repeat_buyers
  FROM customer_periods c JOIN firsts f ON f.customer_id = c.customer_id
  GROUP BY c.period_start
)
SELECT
  CASE s.period
    WHEN 'month' THEN CAST(EXTRACT(YEAR FROM g.period_start) AS VARCHAR) || '-' || LPAD(CAST(EXTRACT(MONTH FROM g.period_start) AS VARCHAR), 2, '0')
    WHEN 'quarter' THEN CAST(EXTRACT(YEAR FROM g.period_start) AS VARCHAR) || '-Q' || CAST(EXTRACT(QUARTER FROM g.period_start) AS VARCHAR)
    WHEN 'week' THEN CAST(EXTRACT(ISOYEAR FROM g.period_start) AS VARCHAR) || '-W' || LPAD(CAST(EXTRACT(WEEK FROM g.period_start) AS VARCHAR), 2, '0')
    ELSE CAST(EXTRACT(YEAR FROM g.period_start) AS VARCHAR)
  END AS period,
  COALESCE(a.buyers, 0) AS buyers,
  COALESCE(a.new_buyers, 0) AS new_buyers,
  COALESCE(a.orders, 0) AS orders,
  COALESCE(a.revenue, 0) AS revenue,
  CASE WHEN COALESCE(a.orders, 0) = 0 THEN NULL ELSE a.revenue / a.orders END AS average_order_value,
  CASE WHEN COALESCE(a.buyers, 0) = 0 THEN NULL ELSE a.orders * 1.0 / a.buyers END AS orders_per_buyer,
  CASE WHEN COALESCE(a.buyers, 0) = 0 THEN NULL ELSE a.repeat_buyers * 1.0 / a.buyers END AS repeat_buyer_share
FROM grid g CROSS JOIN steps s LEFT JOIN activity a ON a.period_start = g.period_start
ORDER BY g.period_start;
