-- ClickHouse variant of ../customer_bridge.sql (the same figures, CX.CUSTOMER_BRIDGE's).
-- UNTESTED: no ClickHouse could be run where this project is built and tested (sql/README.md, "ClickHouse").
-- Differs from the PostgreSQL/DuckDB file in: toStartOfMonth/toStartOfQuarter/toMonday/toStartOfYear for date_trunc, periods from arrayJoin(range(n)) and addMonths/addDays (no generate_series), lagInFrame/leadInFrame over a whole-partition frame (of Nullable values, so that a missing row is NULL) for LAG/LEAD, toISOYear/toISOWeek for the ISO week, and join_use_nulls so that an unmatched LEFT JOIN gives NULL.
WITH params AS (
  SELECT 'month' AS period, 90 AS lapse_days
),
steps AS (
  -- months per period (0: a week of 7 days)
  SELECT period, lapse_days, multiIf(period = 'month', 1, period = 'quarter', 3, period = 'week', 0, 12) AS months
  FROM params
),
bounds AS (
  SELECT multiIf(s.period = 'month', toStartOfMonth(MIN(t.purchase_date)), s.period = 'quarter', toStartOfQuarter(MIN(t.purchase_date)), s.period = 'week', toMonday(MIN(t.purchase_date)), toStartOfYear(MIN(t.purchase_date))) AS first_start,
         multiIf(s.period = 'month', toStartOfMonth(MAX(t.purchase_date)), s.period = 'quarter', toStartOfQuarter(MAX(t.purchase_date)), s.period = 'week', toMonday(MAX(t.purchase_date)), toStartOfYear(MAX(t.purchase_date))) AS last_start
  FROM transactions t CROSS JOIN steps s
  GROUP BY s.period
),
-- The periods from the first purchase's to the last's, empty ones included.
grid AS (
  SELECT period_start,
    multiIf(months = 0, addDays(period_start, 7), addMonths(period_start, months)) - 1 AS period_end
  FROM (
    SELECT months, multiIf(months = 0, addDays(first_start, 7 * i), addMonths(first_start, months * i)) AS period_start
    FROM (
      SELECT s.months, b.first_start,
        arrayJoin(range(toUInt32(multiIf(s.months = 0, intDiv(dateDiff('day', b.first_start, b.last_start), 7),
                                         intDiv(dateDiff('month', b.first_start, b.last_start), s.months))) + 1)) AS i
      FROM bounds b CROSS JOIN steps s
    ) n
  ) p
),
-- Each purchase with the customer's purchase day before it and after it.
days AS (
  SELECT purchase_date AS day,
    lagInFrame(toNullable(purchase_date)) OVER w AS previous_day,
    leadInFrame(toNullable(purchase_date)) OVER w AS next_day
  FROM transactions
  WINDOW w AS (PARTITION BY customer_id ORDER BY purchase_date ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
),
-- Spells of activity start on a purchase with none in the lapse window before it and end when the
-- window after a purchase passes without another; each counted in its period.
starts AS (
  SELECT period_start, COUNT(*) AS change,
    SUM(CASE WHEN previous_day IS NULL THEN 1 ELSE 0 END) AS new_customers,
    SUM(CASE WHEN previous_day < period_start - lapse_days THEN 1 ELSE 0 END) AS reactivated
  FROM (
    SELECT multiIf(s.period = 'month', toStartOfMonth(d.day), s.period = 'quarter', toStartOfQuarter(d.day), s.period = 'week', toMonday(d.day), toStartOfYear(d.day)) AS period_start, d.previous_day, s.lapse_days
    FROM days d CROSS JOIN steps s
    WHERE d.previous_day IS NULL OR d.previous_day + s.lapse_days <= d.day
  ) x
  GROUP BY period_start
),
ends AS (
  SELECT period_start, COUNT(*) AS change,
    SUM(CASE WHEN next_day IS NULL OR next_day >= multiIf(months = 0, addDays(period_start, 7), addMonths(period_start, months)) THEN 1 ELSE 0 END) AS lapsed
  FROM (
    SELECT multiIf(s.period = 'month', toStartOfMonth(d.day + s.lapse_days), s.period = 'quarter', toStartOfQuarter(d.day + s.lapse_days), s.period = 'week', toMonday(d.day + s.lapse_days), toStartOfYear(d.day + s.lapse_days)) AS period_start, d.next_day, s.months
    FROM days d CROSS JOIN steps s
    WHERE d.next_day IS NULL OR d.next_day >= d.day + s.lapse_days
  ) x
  GROUP BY period_start, months
),
events AS (
  SELECT period_start, SUM(change) AS change, SUM(new_customers) AS new_customers, SUM(reactivated) AS reactivated, SUM(lapsed) AS lapsed
  FROM (
    SELECT period_start, toInt64(change) AS change, new_customers, reactivated, 0 AS lapsed FROM starts
    UNION ALL
    SELECT period_start, -toInt64(change), 0, 0, lapsed FROM ends
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
  multiIf(s.period = 'month', formatDateTime(b.period_start, '%Y-%m'),
          s.period = 'quarter', concat(toString(toYear(b.period_start)), '-Q', toString(toQuarter(b.period_start))),
          s.period = 'week', concat(toString(toISOYear(b.period_start)), '-W', leftPad(toString(toISOWeek(b.period_start)), 2, '0')),
          toString(toYear(b.period_start))) AS period,
  b.period_start AS first_day,
  b.period_end AS last_day,
  b.customers_start,
  b.new_customers,
  b.reactivated,
  b.lapsed,
  b.customers_end,
  CASE WHEN b.customers_start = 0 THEN NULL ELSE b.lapsed / b.customers_start END AS churn_rate
FROM bridge b CROSS JOIN steps s
ORDER BY b.period_start
SETTINGS join_use_nulls = 1;
