-- Spark SQL 3.x variant of ../customer_bridge.sql (the same figures, CX.CUSTOMER_BRIDGE's).
-- UNTESTED: no Spark could be run where this project is built and tested (sql/README.md, "Spark SQL 3").
-- Differs from the PostgreSQL/DuckDB file in: periods from sequence() and add_months/date_add (no
-- generate_series), date_add/date_sub for date ± days, STRING for VARCHAR, weekofyear and
-- EXTRACT(YEAROFWEEK ...) for the ISO week and its year.
WITH params AS (
  SELECT 'month' AS period, 90 AS lapse_days
),
steps AS (
  -- months per period (0: a week of 7 days)
  SELECT period, lapse_days, CASE period WHEN 'month' THEN 1 WHEN 'quarter' THEN 3 WHEN 'week' THEN 0 ELSE 12 END AS months
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
  SELECT period_start,
    date_sub(CASE WHEN months = 0 THEN date_add(period_start, 7) ELSE add_months(period_start, months) END, 1) AS period_end
  FROM (
    SELECT s.months, CASE WHEN s.months = 0 THEN date_add(b.first_start, 7 * i) ELSE add_months(b.first_start, s.months * i) END AS period_start
    FROM bounds b CROSS JOIN steps s
    LATERAL VIEW explode(sequence(0, CASE WHEN s.months = 0 THEN datediff(b.last_start, b.first_start) DIV 7
                                         ELSE CAST(months_between(b.last_start, b.first_start) AS INT) DIV s.months END)) n AS i
  ) p
),
-- Each purchase with the customer's purchase day before it and after it.
days AS (
  SELECT purchase_date AS day,
    LAG(purchase_date) OVER w AS previous_day,
    LEAD(purchase_date) OVER w AS next_day
  FROM transactions
  WINDOW w AS (PARTITION BY customer_id ORDER BY purchase_date)
),
-- Spells of activity start on a purchase with none in the lapse window before it and end when the
-- window after a purchase passes without another; each counted in its period.
starts AS (
  SELECT period_start, COUNT(*) AS change,
    SUM(CASE WHEN previous_day IS NULL THEN 1 ELSE 0 END) AS new_customers,
    SUM(CASE WHEN previous_day < date_sub(period_start, lapse_days) THEN 1 ELSE 0 END) AS reactivated
  FROM (
    SELECT CAST(date_trunc(s.period, d.day) AS DATE) AS period_start, d.previous_day, s.lapse_days
    FROM days d CROSS JOIN steps s
    WHERE d.previous_day IS NULL OR date_add(d.previous_day, s.lapse_days) <= d.day
  ) x
  GROUP BY period_start
),
ends AS (
  SELECT period_start, COUNT(*) AS change,
    SUM(CASE WHEN next_day IS NULL OR next_day >= next_start THEN 1 ELSE 0 END) AS lapsed
  FROM (
    SELECT CAST(date_trunc(s.period, date_add(d.day, s.lapse_days)) AS DATE) AS period_start, d.next_day,
      CASE WHEN s.months = 0 THEN date_add(CAST(date_trunc(s.period, date_add(d.day, s.lapse_days)) AS DATE), 7)
           ELSE add_months(CAST(date_trunc(s.period, date_add(d.day, s.lapse_days)) AS DATE), s.months) END AS next_start
    FROM days d CROSS JOIN steps s
    WHERE d.next_day IS NULL OR d.next_day >= date_add(d.day, s.lapse_days)
  ) x
  GROUP BY period_start
),
events AS (
  SELECT period_start, SUM(change) AS change, SUM(new_customers) AS new_customers, SUM(reactivated) AS reactivated, SUM(lapsed) AS lapsed
  FROM (
    SELECT period_start, change, new_customers, reactivated, 0 AS lapsed FROM starts
    UNION ALL
    SELECT period_start, -change, 0, 0, lapsed FROM ends
  ) e
  GROUP BY period_start
),
bridge AS (
  SELECT g.period_start, g.period_end,
    SUM(COALESCE(e.change, 0)) OVER (ORDER BY g.period_start) - COALESCE(e.change, 0) AS customers_start,
    COALESCE(e.new_customers, 0) AS new_customers,
    COALESCE(e.reactivated, 0) AS reactivated,
    COALESCE(e.lapsed, 0) AS lapsed,
    SUM(COALESCE(e.change, 0)) OVER (ORDER BY g.period_start) AS customers_end
  FROM grid g LEFT JOIN events e ON e.period_start = g.period_start
)
SELECT
  CASE s.period
    WHEN 'month' THEN CAST(year(b.period_start) AS STRING) || '-' || lpad(CAST(month(b.period_start) AS STRING), 2, '0')
    WHEN 'quarter' THEN CAST(year(b.period_start) AS STRING) || '-Q' || CAST(quarter(b.period_start) AS STRING)
    WHEN 'week' THEN CAST(EXTRACT(YEAROFWEEK FROM b.period_start) AS STRING) || '-W' || lpad(CAST(weekofyear(b.period_start) AS STRING), 2, '0')
    ELSE CAST(year(b.period_start) AS STRING)
  END AS period,
  b.period_start AS first_day,
  b.period_end AS last_day,
  b.customers_start,
  b.new_customers,
  b.reactivated,
  b.lapsed,
  b.customers_end,
  CASE WHEN b.customers_start = 0 THEN NULL ELSE b.lapsed * 1.0 / b.customers_start END AS churn_rate
FROM bridge b CROSS JOIN steps s
ORDER BY b.period_start;
