-- Activity per period: buyers, new buyers (first purchase ever), orders, revenue, average order
-- value, orders per buyer and the share of buyers with two or more orders. The definitions of the
-- add-in's CX.PERIOD_KPIS (README, "Periodic figures"), on transactions(customer_id, purchase_date,
-- amount). Parameter: the period ('month', 'quarter', 'week' for ISO weeks, 'year').
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
-- The periods from the first purchase's to the last's, empty ones included.
grid AS (
  SELECT CAST(g.period_start AS DATE) AS period_start
  FROM bounds b CROSS JOIN steps s
    CROSS JOIN generate_series(CAST(b.first_start AS TIMESTAMP), CAST(b.last_start AS TIMESTAMP), s.step) AS g(period_start)
),
-- Each customer's orders and revenue in each period they bought in, summed per period.
activity AS (
  SELECT period_start, COUNT(*) AS buyers, SUM(orders) AS orders, SUM(revenue) AS revenue,
    SUM(CASE WHEN orders >= 2 THEN 1 ELSE 0 END) AS repeat_buyers
  FROM (
    SELECT t.customer_id, CAST(date_trunc(s.period, t.purchase_date) AS DATE) AS period_start, COUNT(*) AS orders, SUM(t.amount) AS revenue
    FROM transactions t CROSS JOIN steps s
    GROUP BY t.customer_id, CAST(date_trunc(s.period, t.purchase_date) AS DATE)
  ) c
  GROUP BY period_start
),
-- New buyers: the customers counted in the period of their first purchase.
firsts AS (
  SELECT CAST(date_trunc(s.period, f.first_day) AS DATE) AS period_start, COUNT(*) AS new_buyers
  FROM (SELECT MIN(purchase_date) AS first_day FROM transactions GROUP BY customer_id) f CROSS JOIN steps s
  GROUP BY CAST(date_trunc(s.period, f.first_day) AS DATE)
)
SELECT
  CASE s.period
    WHEN 'month' THEN CAST(EXTRACT(YEAR FROM g.period_start) AS VARCHAR) || '-' || LPAD(CAST(EXTRACT(MONTH FROM g.period_start) AS VARCHAR), 2, '0')
    WHEN 'quarter' THEN CAST(EXTRACT(YEAR FROM g.period_start) AS VARCHAR) || '-Q' || CAST(EXTRACT(QUARTER FROM g.period_start) AS VARCHAR)
    WHEN 'week' THEN CAST(EXTRACT(ISOYEAR FROM g.period_start) AS VARCHAR) || '-W' || LPAD(CAST(EXTRACT(WEEK FROM g.period_start) AS VARCHAR), 2, '0')
    ELSE CAST(EXTRACT(YEAR FROM g.period_start) AS VARCHAR)
  END AS period,
  COALESCE(a.buyers, 0) AS buyers,
  COALESCE(f.new_buyers, 0) AS new_buyers,
  COALESCE(a.orders, 0) AS orders,
  COALESCE(a.revenue, 0) AS revenue,
  CASE WHEN COALESCE(a.orders, 0) = 0 THEN NULL ELSE a.revenue / a.orders END AS average_order_value,
  CASE WHEN COALESCE(a.buyers, 0) = 0 THEN NULL ELSE a.orders * 1.0 / a.buyers END AS orders_per_buyer,
  CASE WHEN COALESCE(a.buyers, 0) = 0 THEN NULL ELSE a.repeat_buyers * 1.0 / a.buyers END AS repeat_buyer_share
FROM grid g CROSS JOIN steps s
  LEFT JOIN activity a ON a.period_start = g.period_start
  LEFT JOIN firsts f ON f.period_start = g.period_start
ORDER BY g.period_start;
