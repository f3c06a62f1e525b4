-- Customer bridge per period: customers active at the start, new, reactivated, lapsed, active at
-- the end (start + new + reactivated - lapsed = end) and the churn rate. The definitions of the
-- add-in's CX.CUSTOMER_BRIDGE (README, "Periodic figures"), on transactions(customer_id, purchase_date, amount).
-- Parameters: the period ('month', 'quarter', 'week' for ISO weeks, 'year') and the lapse window in
-- days (at least the longest period: 31, 92, 7, 366). Periods run from the first purchase's to the last's.
WITH RECURSIVE params AS (
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
periods AS (
  SELECT first_start AS period_start FROM bounds
  UNION ALL
  SELECT CAST(p.period_start + s.step AS DATE) FROM periods p CROSS JOIN steps s CROSS JOIN bounds b
  WHERE p.period_start < b.last_start
),
grid AS (
  SELECT p.period_start, CAST(p.period_start + s.step AS DATE) - 1 AS period_end FROM periods p CROSS JOIN steps s
),
-- One row per customer and purchase day, with the customer's previous and next purchase day, and
-- the first day the customer is no longer active after it (the next purchase or the day the window ends).
runs AS (
  SELECT customer_id, day, previous_day, next_day,
    CASE WHEN next_day IS NOT NULL AND next_day < day + lapse_days THEN next_day ELSE day + lapse_days END AS active_until
  FROM (
    SELECT d.customer_id, d.day, s.lapse_days,
      LAG(d.day) OVER (PARTITION BY d.customer_id ORDER BY d.day) AS previous_day,
      LEAD(d.day) OVER (PARTITION BY d.customer_id ORDER BY d.day) AS next_day
    FROM (SELECT DISTINCT customer_id, purchase_date AS day FROM transactions) d CROSS JOIN steps s
  ) r
),
bridge AS (
  SELECT g.period_start, g.period_end,
    SUM(CASE WHEN r.day <= g.period_start - 1 AND g.period_start - 1 < r.active_until THEN 1 ELSE 0 END) AS customers_start,
    SUM(CASE WHEN r.previous_day IS NULL AND r.day >= g.period_start THEN 1 ELSE 0 END) AS new_customers,
    SUM(CASE WHEN r.day >= g.period_start AND r.previous_day <= g.period_start - 1 - s.lapse_days THEN 1 ELSE 0 END) AS reactivated,
    SUM(CASE WHEN r.day + s.lapse_days BETWEEN g.period_start AND g.period_end
              AND (r.next_day IS NULL OR r.next_day > g.period_end) THEN 1 ELSE 0 END) AS lapsed,
    SUM(CASE WHEN r.day <= g.period_end AND g.period_end < r.active_until THEN 1 ELSE 0 END) AS customers_end
  FROM grid g CROSS JOIN steps s
  LEFT JOIN runs r ON r.day BETWEEN g.period_start - s.lapse_days AND g.period_end
  GROUP BY g.period_start, g.period_end
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
