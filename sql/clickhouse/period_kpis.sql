-- ClickHouse variant of ../period_kpis.sql (the same figures, CX.PERIOD_KPIS's).
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
-- The periods from the first purchase's to the last's, empty ones included.
grid AS (
  SELECT period_start
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
activity AS (
  SELECT period_start, COUNT(*) AS buyers, SUM(orders) AS orders, SUM(revenue) AS revenue,
    SUM(CASE WHEN orders >= 2 THEN 1 ELSE 0 END) AS repeat_buyers
  FROM (
    SELECT t.customer_id, multiIf(s.period = 'month', toStartOfMonth(t.purchase_date), s.period = 'quarter', toStartOfQuarter(t.purchase_date), s.period = 'week', toMonday(t.purchase_date), toStartOfYear(t.purchase_date)) AS period_start, COUNT(*) AS orders, SUM(t.amount) AS revenue
    FROM transactions t CROSS JOIN steps s
    GROUP BY t.customer_id, period_start
  ) c
  GROUP BY period_start
),
firsts AS (
  SELECT multiIf(s.period = 'month', toStartOfMonth(f.first_day), s.period = 'quarter', toStartOfQuarter(f.first_day), s.period = 'week', toMonday(f.first_day), toStartOfYear(f.first_day)) AS period_start, COUNT(*) AS new_buyers
  FROM (SELECT MIN(purchase_date) AS first_day FROM transactions GROUP BY customer_id) f CROSS JOIN steps s
  GROUP BY period_start
)
SELECT
  multiIf(s.period = 'month', formatDateTime(g.period_start, '%Y-%m'),
          s.period = 'quarter', concat(toString(toYear(g.period_start)), '-Q', toString(toQuarter(g.period_start))),
          s.period = 'week', concat(toString(toISOYear(g.period_start)), '-W', leftPad(toString(toISOWeek(g.period_start)), 2, '0')),
          toString(toYear(g.period_start))) AS period,
  COALESCE(a.buyers, 0) AS buyers,
  COALESCE(f.new_buyers, 0) AS new_buyers,
  COALESCE(a.orders, 0) AS orders,
  COALESCE(a.revenue, 0) AS revenue,
  CASE WHEN COALESCE(a.orders, 0) = 0 THEN NULL ELSE a.revenue / a.orders END AS average_order_value,
  CASE WHEN COALESCE(a.buyers, 0) = 0 THEN NULL ELSE a.orders / a.buyers END AS orders_per_buyer,
  CASE WHEN COALESCE(a.buyers, 0) = 0 THEN NULL ELSE a.repeat_buyers / a.buyers END AS repeat_buyer_share
FROM grid g CROSS JOIN steps s
  LEFT JOIN activity a ON a.period_start = g.period_start
  LEFT JOIN firsts f ON f.period_start = g.period_start
ORDER BY g.period_start
SETTINGS join_use_nulls = 1;
