-- Spark SQL 3.x variant of ../period_kpis.sql (the same figures, CX.PERIOD_KPIS's).
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
-- The periods from the first purchase's to the last's, empty ones included.
grid AS (
  SELECT period_start
  FROM (
    SELECT s.months, CASE WHEN s.months = 0 THEN date_add(b.first_start, 7 * i) ELSE add_months(b.first_start, s.months * i) END AS period_start
    FROM bounds b CROSS JOIN steps s
    LATERAL VIEW explode(sequence(0, CASE WHEN s.months = 0 THEN datediff(b.last_start, b.first_start) DIV 7
                                         ELSE CAST(months_between(b.last_start, b.first_start) AS INT) DIV s.months END)) n AS i
  ) p
),
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
firsts AS (
  SELECT CAST(date_trunc(s.period, f.first_day) AS DATE) AS period_start, COUNT(*) AS new_buyers
  FROM (SELECT MIN(purchase_date) AS first_day FROM transactions GROUP BY customer_id) f CROSS JOIN steps s
  GROUP BY CAST(date_trunc(s.period, f.first_day) AS DATE)
)
SELECT
  CASE s.period
    WHEN 'month' THEN CAST(year(g.period_start) AS STRING) || '-' || lpad(CAST(month(g.period_start) AS STRING), 2, '0')
    WHEN 'quarter' THEN CAST(year(g.period_start) AS STRING) || '-Q' || CAST(quarter(g.period_start) AS STRING)
    WHEN 'week' THEN CAST(EXTRACT(YEAROFWEEK FROM g.period_start) AS STRING) || '-W' || lpad(CAST(weekofyear(g.period_start) AS STRING), 2, '0')
    ELSE CAST(year(g.period_start) AS STRING)
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
