-- Spark SQL 3.x variant of ../cohort_retention.sql (the same cohort shares, CX.COHORT's).
-- UNTESTED: no Spark could be run where this project is built and tested (sql/README.md, "Spark SQL 3").
-- Differs from the PostgreSQL/DuckDB file in: datediff(a, b) DIV 7 for the weeks between two Mondays, STRING for VARCHAR.
WITH params AS (
  SELECT 'month' AS period
),
customer_periods AS (
  SELECT DISTINCT t.customer_id, CAST(date_trunc(p.period, t.purchase_date) AS DATE) AS period_start
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
      WHEN 'week' THEN datediff(c.period_start, f.cohort) DIV 7
      ELSE ((EXTRACT(YEAR FROM c.period_start) - EXTRACT(YEAR FROM f.cohort)) * 12
            + EXTRACT(MONTH FROM c.period_start) - EXTRACT(MONTH FROM f.cohort)) / (CASE p.period WHEN 'quarter' THEN 3 ELSE 1 END)
    END AS periods_since,
    COUNT(*) AS active_customers
  FROM customer_periods c JOIN firsts f ON f.customer_id = c.customer_id CROSS JOIN params p
  GROUP BY f.cohort, 2
)
SELECT
  CASE p.period
    WHEN 'month' THEN CAST(EXTRACT(YEAR FROM a.cohort) AS STRING) || '-' || LPAD(CAST(EXTRACT(MONTH FROM a.cohort) AS STRING), 2, '0')
    WHEN 'quarter' THEN CAST(EXTRACT(YEAR FROM a.cohort) AS STRING) || '-Q' || CAST(EXTRACT(QUARTER FROM a.cohort) AS STRING)
    ELSE CAST(a.cohort AS STRING)
  END AS cohort,
  s.customers,
  CAST(a.periods_since AS INT) AS periods_since,
  a.active_customers * 1.0 / s.customers AS retention
FROM active a JOIN sizes s ON s.cohort = a.cohort CROSS JOIN params p
ORDER BY a.cohort, 3;
