-- One row per customer: first and last purchase, days since the last (RFM's recency, as CX.RFM and
-- CX.RFM_SCORES count it), orders, revenue, and the summary the probabilistic
-- lifetime-value models take (lifetimes' convention, as CX.CLV_FIT_SUMMARY and
-- CX.CLV_PREDICT_SUMMARY read it): frequency x = purchase days - 1 (purchases on one day count
-- once), recency t_x and age T measured from the first purchase day in the chosen unit, monetary =
-- mean amount of the repeat purchase days (0 without repeats). On transactions(customer_id,
-- purchase_date, amount). Parameters: the end of observation (purchases after it are left out)
-- and the time unit ('weeks', 'days' or 'months', a month being 365.25 / 12 days).
WITH params AS (
  SELECT DATE '1997-09-30' AS as_of, 'weeks' AS time_unit
),
units AS (
  SELECT as_of, CASE time_unit WHEN 'days' THEN 1.0 WHEN 'months' THEN 30.4375 ELSE 7.0 END AS days_per_unit FROM params
),
days AS (
  SELECT t.customer_id, t.purchase_date AS day, COUNT(*) AS orders, SUM(t.amount) AS amount
  FROM transactions t CROSS JOIN units u
  WHERE t.purchase_date <= u.as_of
  GROUP BY t.customer_id, t.purchase_date
),
customers AS (
  SELECT customer_id, MIN(day) AS first_purchase, MAX(day) AS last_purchase, COUNT(*) AS purchase_days,
    SUM(orders) AS orders, SUM(amount) AS revenue
  FROM days
  GROUP BY customer_id
)
SELECT
  c.customer_id,
  c.first_purchase,
  c.last_purchase,
  u.as_of - c.last_purchase AS days_since_last,
  c.orders,
  c.revenue,
  c.purchase_days - 1 AS frequency,
  (c.last_purchase - c.first_purchase) / u.days_per_unit AS recency,
  (u.as_of - c.first_purchase) / u.days_per_unit AS age,
  CASE WHEN c.purchase_days > 1 THEN (c.revenue - d.amount) / (c.purchase_days - 1) ELSE 0 END AS monetary
FROM customers c
CROSS JOIN units u
JOIN days d ON d.customer_id = c.customer_id AND d.day = c.first_purchase
ORDER BY c.customer_id;
