-- Cohort retention: customers grouped by the period of their first purchase, and for each period
-- since (0 = the first), the share of the cohort that bought in it. The definitions of the add-in's
-- CX.COHORT, in long form (one row per cohort and period since; a period in which nobody of the
-- cohort bought has no row, its share being 0). On transactions(customer_id, purchase_date, amount).
-- Parameter: the period ('month', 'quarter' or 'week', weeks from Monday; a week's cohort is named
-- by its Monday).
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
      WHEN 'week' THEN (c.period_start - f.cohort) / 7
      ELSE ((EXTRACT(YEAR FROM c.period_start) - EXTRACT(YEAR FROM f.cohort)) * 12
            + EXTRACT(MONTH FROM c.period_start) - EXTRACT(MONTH FROM f.cohort)) / (CASE p.period WHEN 'quarter' THEN 3 ELSE 1 END)
    END AS periods_since,
    COUNT(*) AS active_customers
  FROM customer_periods c JOIN firsts f ON f.customer_id = c.customer_id CROSS JOIN params p
  GROUP BY f.cohort, 2
)
SELECT
  CASE p.period
    WHEN 'month' THEN CAST(EXTRACT(YEAR FROM a.cohort) AS VARCHAR) || '-' || LPAD(CAST(EXTRACT(MONTH FROM a.cohort) AS VARCHAR), 2, '0')
    WHEN 'quarter' THEN CAST(EXTRACT(YEAR FROM a.cohort) AS VARCHAR) || '-Q' || CAST(EXTRACT(QUARTER FROM a.cohort) AS VARCHAR)
    ELSE CAST(a.cohort AS VARCHAR)
  END AS cohort,
  s.customers,
  CAST(a.periods_since AS INTEGER) AS periods_since,
  a.active_customers * 1.0 / s.customers AS retention
FROM active a JOIN sizes s ON s.cohort = a.cohort CROSS JOIN params p
ORDER BY a.cohort, 3;
