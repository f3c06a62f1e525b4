-- ClickHouse variant of ../revenue_bridge.sql (the same figures, CX.REVENUE_BRIDGE's).
-- UNTESTED: no ClickHouse could be run where this project is built and tested (sql/README.md, "ClickHouse").
-- Differs from the PostgreSQL/DuckDB file in: toStartOfMonth/toStartOfQuarter/toMonday/toStartOfYear for date_trunc, periods from arrayJoin(range(n)) and addMonths/addDays (no generate_series), lagInFrame/leadInFrame over a whole-partition frame (of Nullable values, so that a missing row is NULL) for LAG/LEAD, toISOYear/toISOWeek for the ISO week, and join_use_nulls so that an unmatched LEFT JOIN gives NULL.
WITH params AS (
  SELECT 'month' AS period
),
steps AS (
  -- months per period (0: a week of 7 days)
  SELECT period, multiIf(period = 'month', 1, period = 'quarter', 3, period = 'week', 0, 12) AS months
  FROM params
),
bounds AS (
  SELECT multiIf(s.period = 'month', toStartOfMonth(MIN(t.purchase_date)), s.period = 'quarter', toStartOfQuarter(MIN(t.purchase_date)), s.period = 'week', toMonday(MIN(t.purchase_date)), toStartOfYear(MIN(t.purchase_date))) AS first_start,
         multiIf(s.period = 'month', toStartOfMonth(MAX(t.purchase_date)), s.period = 'quarter', toStartOfQuarter(MAX(t.purchase_date)), s.period = 'week', toMonday(MAX(t.purchase_date)), toStartOfYear(MAX(t.purchase_date))) AS last_start
  FROM transactions t CROSS JOIN steps s
  GROUP BY s.period
),
-- The periods from the first purchase's to the last's, empty ones included, each with the one before and after it.
grid AS (
  SELECT period_start,
    multiIf(months = 0, addDays(period_start, 7 * -1), addMonths(period_start, months * -1)) AS previous_start,
    multiIf(months = 0, addDays(period_start, 7), addMonths(period_start, months)) AS next_start
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
-- Each customer's revenue in each period they bought in.
customer_periods AS (
  SELECT t.customer_id, multiIf(s.period = 'month', toStartOfMonth(t.purchase_date), s.period = 'quarter', toStartOfQuarter(t.purchase_date), s.period = 'week', toMonday(t.purchase_date), toStartOfYear(t.purchase_date)) AS period_start, SUM(t.amount) AS revenue
  FROM transactions t CROSS JOIN steps s
  GROUP BY t.customer_id, period_start
),
ordered AS (
  SELECT period_start, revenue,
    lagInFrame(toNullable(period_start)) OVER w AS earlier_period,
    lagInFrame(revenue) OVER w AS earlier_revenue,
    leadInFrame(toNullable(period_start)) OVER w AS later_period
  FROM customer_periods
  WINDOW w AS (PARTITION BY customer_id ORDER BY period_start ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
),
lines AS (
  SELECT o.period_start, o.revenue AS r1, o.earlier_period,
    CASE WHEN o.earlier_period = g.previous_start THEN o.earlier_revenue ELSE 0 END AS r0,
    CASE WHEN o.later_period IS NULL OR o.later_period > g.next_start THEN o.revenue ELSE 0 END AS lost_next
  FROM ordered o JOIN grid g ON g.period_start = o.period_start
),
movements AS (
  SELECT period_start,
    SUM(r1) AS revenue,
    SUM(CASE WHEN earlier_period IS NULL THEN r1 ELSE 0 END) AS new_revenue,
    SUM(CASE WHEN earlier_period IS NOT NULL AND r0 = 0 AND r1 > 0 THEN r1 ELSE 0 END) AS returning_revenue,
    SUM(CASE WHEN r0 > 0 AND r1 > r0 THEN r1 - r0 ELSE 0 END) AS expansion,
    SUM(CASE WHEN r0 > 0 AND r1 > 0 AND r1 < r0 THEN r1 - r0 ELSE 0 END) AS contraction,
    SUM(CASE WHEN r0 > 0 AND r1 = 0 THEN -r0 ELSE 0 END) AS lost_here,
    SUM(lost_next) AS lost_next
  FROM lines
  GROUP BY period_start
),
totals AS (
  SELECT g.period_start,
    COALESCE(p.revenue, 0) AS previous_revenue,
    COALESCE(m.new_revenue, 0) AS new_revenue, COALESCE(m.returning_revenue, 0) AS returning_revenue,
    COALESCE(m.expansion, 0) AS expansion, COALESCE(m.contraction, 0) AS contraction,
    COALESCE(m.lost_here, 0) - COALESCE(p.lost_next, 0) AS lost_revenue, COALESCE(m.revenue, 0) AS revenue
  FROM grid g
    LEFT JOIN movements m ON m.period_start = g.period_start
    LEFT JOIN movements p ON p.period_start = g.previous_start
)
SELECT
  multiIf(s.period = 'month', formatDateTime(g.period_start, '%Y-%m'),
          s.period = 'quarter', concat(toString(toYear(g.period_start)), '-Q', toString(toQuarter(g.period_start))),
          s.period = 'week', concat(toString(toISOYear(g.period_start)), '-W', leftPad(toString(toISOWeek(g.period_start)), 2, '0')),
          toString(toYear(g.period_start))) AS period,
  g.previous_revenue,
  g.new_revenue,
  g.returning_revenue,
  g.expansion,
  g.contraction,
  g.lost_revenue,
  g.revenue,
  CASE WHEN g.previous_revenue = 0 THEN NULL
       ELSE (g.previous_revenue + g.expansion + g.contraction + g.lost_revenue) / g.previous_revenue END AS net_revenue_retention
FROM totals g CROSS JOIN steps s
ORDER BY g.period_start
SETTINGS join_use_nulls = 1;
