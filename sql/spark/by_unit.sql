-- Spark SQL 3.x variant of ../by_unit.sql (the same table, CX.BY_UNIT's).
-- UNTESTED: no Spark could be run where this project is built and tested (sql/README.md, "Spark SQL 3").
-- Differs from the PostgreSQL/DuckDB file in: add_months/date_add for the period's bounds (no INTERVAL arithmetic), date_sub for a date minus days, STRING for VARCHAR.
WITH params AS (
  SELECT 'month' AS period, DATE '2024-09-30' AS period_end, 90 AS lapse_days
),
steps AS (
  SELECT period, period_end, lapse_days, CASE period WHEN 'month' THEN 1 WHEN 'quarter' THEN 3 WHEN 'week' THEN 0 ELSE 12 END AS months
  FROM params
),
-- The period's first and last day, and the first day of the period before it.
shown AS (
  SELECT lapse_days, first_day,
    date_sub(CASE WHEN months = 0 THEN date_add(first_day, 7) ELSE add_months(first_day, months) END, 1) AS last_day,
    CASE WHEN months = 0 THEN date_sub(first_day, 7) ELSE add_months(first_day, -months) END AS previous_first_day
  FROM (SELECT lapse_days, months, CAST(date_trunc(period, period_end) AS DATE) AS first_day FROM steps) s
),
-- Each customer in each unit, up to the period's end: their first purchase, their last before the
-- period and up to its end, and their revenue and orders in the period and the one before.
unit_customers AS (
  SELECT COALESCE(NULLIF(CAST(t.unit AS STRING), ''), '(none)') AS unit, t.customer_id,
    MIN(t.purchase_date) AS first_purchase,
    MAX(CASE WHEN t.purchase_date < p.first_day THEN t.purchase_date END) AS last_before,
    MAX(t.purchase_date) AS last_to_end,
    SUM(CASE WHEN t.purchase_date >= p.first_day THEN t.amount ELSE 0 END) AS revenue,
    SUM(CASE WHEN t.purchase_date >= p.first_day THEN 1 ELSE 0 END) AS orders,
    SUM(CASE WHEN t.purchase_date >= p.previous_first_day AND t.purchase_date < p.first_day THEN t.amount ELSE 0 END) AS previous_revenue
  FROM transactions t CROSS JOIN shown p
  WHERE t.purchase_date <= p.last_day
  GROUP BY COALESCE(NULLIF(CAST(t.unit AS STRING), ''), '(none)'), t.customer_id
),
-- The same for the company: each customer over every unit.
scopes AS (
  SELECT 0 AS scope, unit, customer_id, first_purchase, last_before, last_to_end, revenue, orders, previous_revenue
  FROM unit_customers
  UNION ALL
  SELECT 2, NULL, customer_id, MIN(first_purchase), MAX(last_before), MAX(last_to_end), SUM(revenue), SUM(orders), SUM(previous_revenue)
  FROM unit_customers
  GROUP BY customer_id
),
-- A customer is active on a day when their last purchase up to it is less than the lapse window
-- before it: at the period's start (the end of the day before) and at its end. New: first purchase in
-- the period; reactivated: a purchase in it after a lapse before it; lapsed: the window after their
-- last purchase ends in the period. Net revenue retention keeps, of each customer who bought in the
-- period before, what they bought for in this one.
flags AS (
  SELECT s.scope, s.unit, s.customer_id, s.revenue, s.orders, s.previous_revenue,
    CASE WHEN s.last_before >= date_sub(p.first_day, p.lapse_days) THEN 1 ELSE 0 END AS active_start,
    CASE WHEN s.first_purchase >= p.first_day THEN 1 ELSE 0 END AS new_customer,
    CASE WHEN s.orders > 0 AND s.last_before < date_sub(p.first_day, p.lapse_days) THEN 1 ELSE 0 END AS reactivated,
    CASE WHEN s.last_to_end BETWEEN date_sub(p.first_day, p.lapse_days) AND date_sub(p.last_day, p.lapse_days) THEN 1 ELSE 0 END AS lapsed,
    CASE WHEN s.last_to_end > date_sub(p.last_day, p.lapse_days) THEN 1 ELSE 0 END AS active_end,
    CASE WHEN s.previous_revenue > 0 THEN s.revenue ELSE 0 END AS retained_revenue
  FROM scopes s CROSS JOIN shown p
),
figures AS (
  SELECT scope, unit, SUM(active_start) AS customers_start, SUM(new_customer) AS new_customers, SUM(reactivated) AS reactivated,
    SUM(lapsed) AS lapsed, SUM(active_end) AS customers_end, SUM(revenue) AS revenue, SUM(previous_revenue) AS previous_revenue,
    SUM(orders) AS orders, SUM(retained_revenue) AS retained_revenue
  FROM flags
  GROUP BY scope, unit
),
-- Every unit of the table, one with no purchase up to the period's end too (its figures 0).
units AS (
  SELECT DISTINCT COALESCE(NULLIF(CAST(unit AS STRING), ''), '(none)') AS unit FROM transactions
),
-- The units' rows, their sums (all units together) and the company's.
tables AS (
  SELECT 0 AS scope, u.unit, COALESCE(f.customers_start, 0) AS customers_start, COALESCE(f.new_customers, 0) AS new_customers,
    COALESCE(f.reactivated, 0) AS reactivated, COALESCE(f.lapsed, 0) AS lapsed, COALESCE(f.customers_end, 0) AS customers_end,
    COALESCE(f.revenue, 0) AS revenue, COALESCE(f.previous_revenue, 0) AS previous_revenue, COALESCE(f.orders, 0) AS orders,
    COALESCE(f.retained_revenue, 0) AS retained_revenue
  FROM units u LEFT JOIN figures f ON f.scope = 0 AND f.unit = u.unit
  UNION ALL
  SELECT scope, unit, customers_start, new_customers, reactivated, lapsed, customers_end, revenue, previous_revenue, orders, retained_revenue
  FROM figures WHERE scope = 2
  UNION ALL
  SELECT 1, 'All units together', SUM(customers_start), SUM(new_customers), SUM(reactivated), SUM(lapsed), SUM(customers_end),
    SUM(revenue), SUM(previous_revenue), SUM(orders), SUM(retained_revenue)
  FROM figures WHERE scope = 0
),
-- Customers active in two or more units at the start and at the end, and the units' excess over the company.
cross_unit AS (
  SELECT SUM(CASE WHEN units_start >= 2 THEN 1 ELSE 0 END) AS customers_start,
    SUM(CASE WHEN units_start >= 2 THEN units_start - 1 ELSE 0 END) AS excess_start,
    SUM(CASE WHEN units_end >= 2 THEN 1 ELSE 0 END) AS customers_end,
    SUM(CASE WHEN units_end >= 2 THEN units_end - 1 ELSE 0 END) AS excess_end
  FROM (SELECT customer_id, SUM(active_start) AS units_start, SUM(active_end) AS units_end FROM flags WHERE scope = 0 GROUP BY customer_id) c
),
company AS (
  SELECT revenue FROM figures WHERE scope = 2
),
rows_shown AS (
  SELECT t.scope, CASE WHEN t.scope = 2 THEN 'Company' ELSE t.unit END AS unit,
    t.customers_start, t.new_customers, t.reactivated, t.lapsed, t.customers_end,
    CASE WHEN t.customers_start = 0 THEN NULL ELSE t.lapsed * 1.0 / t.customers_start END AS churn_rate,
    t.revenue, t.previous_revenue,
    CASE WHEN t.previous_revenue = 0 THEN NULL ELSE t.revenue / t.previous_revenue - 1 END AS revenue_change,
    t.orders,
    CASE WHEN t.orders = 0 THEN NULL ELSE t.revenue / t.orders END AS average_order_value,
    CASE WHEN t.previous_revenue = 0 THEN NULL ELSE t.retained_revenue / t.previous_revenue END AS net_revenue_retention,
    CASE WHEN c.revenue = 0 THEN NULL ELSE t.revenue / c.revenue END AS company_revenue_share
  FROM tables t CROSS JOIN company c
  UNION ALL
  SELECT 3, 'Customers active in more than one unit', customers_start, NULL, NULL, NULL, customers_end, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  FROM cross_unit WHERE customers_start > 0 OR customers_end > 0
  UNION ALL
  SELECT 4, 'Counted more than once (units together − company)', excess_start, NULL, NULL, NULL, excess_end, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  FROM cross_unit WHERE excess_start <> customers_start OR excess_end <> customers_end
)
SELECT unit, customers_start, new_customers, reactivated, lapsed, customers_end, churn_rate, revenue, previous_revenue,
  revenue_change, orders, average_order_value, net_revenue_retention, company_revenue_share
FROM rows_shown
ORDER BY scope, CASE WHEN scope = 0 THEN -revenue END, unit;
