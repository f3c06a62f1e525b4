-- ClickHouse variant of ../cohort_retention.sql (the same cohort shares, CX.COHORT's).
-- UNTESTED: no ClickHouse could be run where this project is built and tested (sql/README.md, "ClickHouse").
-- Differs from the PostgreSQL/DuckDB file in: toStartOfMonth/toStartOfQuarter/toMonday for date_trunc, dateDiff('month'|'day', …) for the periods between two period starts, formatDateTime and toString for the labels.
WITH params AS (
  SELECT 'month' AS period
),
customer_periods AS (
  SELECT DISTINCT t.customer_id, multiIf(p.period = 'month', toStartOfMonth(t.purchase_date), p.period = 'quarter', toStartOfQuarter(t.purchase_date), p.period = 'week', toMonday(t.purchase_date), toStartOfYear(t.purchase_date)) AS period_start
  FROM transactions t CROSS JOIN params p
),
firsts AS (
  SELECT customer_id, MIN(period_start) AS cohort FROM customer_periods GROUP BY customer_id
),
sizes AS (
  SELECT cohort, COUNT(*) AS customers FROM firsts GROUP BY cohort
),
active AS (
  SELECT f.cohort,
    CASE p.period
      WHEN 'week' THEN intDiv(dateDiff('day', f.cohort, c.period_start), 7)
      ELSE intDiv(dateDiff('month', f.cohort, c.period_start), CASE p.period WHEN 'quarter' THEN 3 ELSE 1 END)
    END AS periods_since,
    COUNT(*) AS active_customers
  FROM customer_periods c JOIN firsts f ON f.customer_id = c.customer_id CROSS JOIN params p
  GROUP BY f.cohort, 2
)
SELECT
  multiIf(p.period = 'month', formatDateTime(a.cohort, '%Y-%m'),
          p.period = 'quarter', concat(toString(toYear(a.cohort)), '-Q', toString(toQuarter(a.cohort))),
          toString(a.cohort)) AS cohort,
  s.customers,
  toInt32(a.periods_since) AS periods_since,
  a.active_customers / s.customers AS retention
FROM active a JOIN sizes s ON s.cohort = a.cohort CROSS JOIN params p
ORDER BY a.cohort, 3;
