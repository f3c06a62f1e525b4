-- Customer bridge per period: customers active at the start, new, reactivated, lapsed, active at
-- the end (start + new + reactivated - lapsed = end) and the churn rate. The definitions of the
-- add-in's CX.CUSTOMER_BRIDGE (README, "Periodic figures"), on transactions(customer_id, purchase_date, amount).
-- Parameters: the period ('month', 'quarter', 'week' for ISO weeks, 'year') and the lapse window in
-- days (at least the longest period: 31, 92, 7, 366). Periods run from the first purchase's to the last's.
WITH params AS (
  SELECT 'month' AS period, 90 AS lapse_days
),
steps AS (
  SELECT period, lapse_days,
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
  SELECT CAST(g.period_start AS DATE) AS period_start, CAST(g.period_start + s.step AS DATE) - 1 AS period_end
  FROM bounds b CROSS JOIN steps s
    CROSS JOIN generate_series(CAST(b.first_start AS TIMESTAMP), CAST(b.last_start AS TIMESTAMP), s.step) AS g(period_start)
),
-- Each purchase with the customer's purchase day before it and after it (the same day for a second
-- order on a day, which then starts and ends nothing).
days AS (
  SELECT purchase_date AS day,
    LAG(purchase_date) OVER w AS previous_day,
    LEAD(purchase_date) OVER w AS next_day
  FROM transactions
  WINDOW w AS (PARTITION BY customer_id ORDER BY purchase_date)
),
-- A customer is active from a purchase until the window after their last purchase ends. A spell of
-- activity starts on a purchase with none in the window before it (a new or a reactivated customer)
-- and ends when the window after a purchase passes without another (the customer lapses). Each is
-- counted in the period it falls in; the customers active at a period's end are the running sum.
starts AS (
  SELECT period_start, COUNT(*) AS change,
    SUM(CASE WHEN previous_day IS NULL THEN 1 ELSE 0 END) AS new_customers,
    SUM(CASE WHEN previous_day < period_start - lapse_days THEN 1 ELSE 0 END) AS reactivated
  FROM (
    SELECT CAST(date_trunc(s.period, d.day) AS DATE) AS period_start, d.previous_day, s.lapse_days
    FROM days d CROSS JOIN steps s
    WHERE d.previous_day IS NULL OR d.previous_day + s.lapse_days <= d.day
  ) x
  GROUP BY period_start
),
ends AS (
  SELECT period_start, COUNT(*) AS change,
    SUM(CASE WHEN next_day IS NULL OR next_day >= next_start THEN 1 ELSE 0 END) AS lapsed
  FROM (
    SELECT CAST(date_trunc(s.period, d.day + s.lapse_days) AS DATE) AS period_start,
      CAST(date_trunc(s.period, d.day + s.lapse_days) + s.step AS DATE) AS next_start, d.next_day
    FROM days d CROSS JOIN steps s
    WHERE d.next_day IS NULL OR d.next_day >= d.day + s.lapse_days
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
    WHEN 'month' THEN CAST(EXTRACT(YEAR FROM b.period_start) AS VARCHAR) || '-' || LPAD(CAST(EXTRACT(MONTH FROM b.period_start) AS VARCHAR), 2, '0')
    WHEN 'quarter' THEN CAST(EXTRACT(YEAR FROM b.period_start) AS VARCHAR) || '-Q' || CAST(EXTRACT(QUARTER FROM b.period_start) AS VARCHAR)
    WHEN 'week' THEN CAST(EXTRACT(ISOYEAR FROM b.period_start) AS VARCHAR) || '-W' || LPAD(CAST(EXTRACT(WEEK FROM b.period_start) AS VARCHAR), 2, '0')
    ELSE CAST(EXTRACT(YEAR FROM b.period_start) AS VARCHAR)
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
