-- Flink SQL over a replay's output, with the job's own functions (dev.stockwatch.udfs.sql).
--
-- From the repository root, after README command 1 (which writes out/day-in-the-shop/):
--   sql-client.sh -f udfs/sql/replay-output.sql
-- or paste it statement by statement. For another replay, change the paths below: out/... is the
-- replay's --output, sample-data/... its --input. The functions read the job's configuration keys
-- (segment.rules, quiet-hours.*) from the job parameters, with the job's defaults:
--   SET 'pipeline.global-job-parameters' = 'quiet-hours.start:22:00,quiet-hours.end:07:00';
-- The cluster jar bundles the functions with what they need.
ADD JAR 'job/target/stockwatch-job.jar';

SET 'execution.runtime-mode' = 'batch';
SET 'sql-client.execution.result-mode' = 'tableau';

-- the segment (RFM rule, SPEC §8) from F, R (days) and M, and optionally a profile's own segment
CREATE TEMPORARY FUNCTION SW_SEGMENT AS 'dev.stockwatch.udfs.sql.SegmentFunction';
-- whether a channel is held in quiet hours at an instant in a time zone (SPEC §7)
CREATE TEMPORARY FUNCTION SW_QUIET_HOURS AS 'dev.stockwatch.udfs.sql.QuietHoursFunction';
-- the cart hash of sku -> quantity lines (SPEC §6)
CREATE TEMPORARY FUNCTION SW_CART_HASH AS 'dev.stockwatch.udfs.sql.CartHashFunction';
-- the notificationId of a decision (SPEC §3)
CREATE TEMPORARY FUNCTION SW_NOTIFICATION_ID AS 'dev.stockwatch.udfs.sql.NotificationIdFunction';

-- notify.conversions: orders attributed to sent notifications (SPEC §13)
CREATE TEMPORARY TABLE conversions (
  orderId STRING, customerId STRING, notificationId STRING, kind STRING, step INT, channel STRING,
  skus ARRAY<STRING>, revenue DOUBLE, notifiedAt STRING, eventTime STRING
) WITH ('connector' = 'filesystem', 'path' = 'out/day-in-the-shop/notify.conversions.jsonl', 'format' = 'json');

-- the notifications sent, one table per channel file; fields not declared are ignored
CREATE TEMPORARY TABLE sent_email (
  notificationId STRING, kind STRING, customerId STRING, channel STRING,
  items ARRAY<ROW<sku STRING, quantity INT>>, step INT, cart ROW<cartHash STRING, `value` DOUBLE, currency STRING>,
  eventTime STRING, triggeredAt STRING
) WITH ('connector' = 'filesystem', 'path' = 'out/day-in-the-shop/notify.email.jsonl', 'format' = 'json');
CREATE TEMPORARY TABLE sent_sms WITH ('path' = 'out/day-in-the-shop/notify.sms.jsonl') LIKE sent_email;
CREATE TEMPORARY TABLE sent_push WITH ('path' = 'out/day-in-the-shop/notify.push.jsonl') LIKE sent_email;
CREATE TEMPORARY TABLE sent_viber WITH ('path' = 'out/day-in-the-shop/notify.viber.jsonl') LIKE sent_email;
CREATE TEMPORARY TABLE sent_whatsapp WITH ('path' = 'out/day-in-the-shop/notify.whatsapp.jsonl') LIKE sent_email;
CREATE TEMPORARY VIEW sent AS
  SELECT * FROM sent_email UNION ALL SELECT * FROM sent_sms UNION ALL SELECT * FROM sent_push
  UNION ALL SELECT * FROM sent_viber UNION ALL SELECT * FROM sent_whatsapp;

-- the replay's input: orders and customer profiles (a changelog: the latest record wins)
CREATE TEMPORARY TABLE orders (
  orderId STRING, customerId STRING, items ARRAY<ROW<sku STRING, quantity INT, unitPrice DOUBLE>>, `at` STRING
) WITH ('connector' = 'filesystem', 'path' = 'sample-data/day-in-the-shop/orders.jsonl', 'format' = 'json',
        'json.ignore-parse-errors' = 'true');
CREATE TEMPORARY TABLE customer_records (
  customerId STRING, timezone STRING, segment STRING, `at` STRING
) WITH ('connector' = 'filesystem', 'path' = 'sample-data/day-in-the-shop/customers.jsonl', 'format' = 'json',
        'json.ignore-parse-errors' = 'true');
CREATE TEMPORARY VIEW customers AS
  SELECT customerId, timezone, segment FROM (
    SELECT *, ROW_NUMBER() OVER (PARTITION BY customerId ORDER BY `at` DESC) AS latest
    FROM customer_records WHERE customerId IS NOT NULL)
  WHERE latest = 1;

CREATE TEMPORARY VIEW order_values AS
  SELECT o.orderId, o.customerId, TO_TIMESTAMP(REPLACE(REPLACE(o.`at`, 'T', ' '), 'Z', '')) AS ts,
         SUM(i.quantity * i.unitPrice) AS `value`
  FROM orders AS o CROSS JOIN UNNEST(o.items) AS i (sku, quantity, unitPrice)
  WHERE o.orderId IS NOT NULL
  GROUP BY o.orderId, o.customerId, o.`at`;

-- 1. Attributed revenue per kind and the customer's segment at the order: F, R and M over the
--    orders of the 365 days up to it (the order included), the profile's segment first
SELECT kind, segment, COUNT(*) AS conversions, SUM(revenue) AS revenue
FROM (
  SELECT c.orderId, c.notificationId, c.kind, c.revenue,
         SW_SEGMENT(CAST(COUNT(o.orderId) AS INT), MIN(CAST(TIMESTAMPDIFF(DAY, o.ts, c.ts) AS BIGINT)), SUM(o.`value`),
                    MAX(p.segment)) AS segment
  FROM (SELECT *, TO_TIMESTAMP(REPLACE(REPLACE(eventTime, 'T', ' '), 'Z', '')) AS ts FROM conversions) AS c
  JOIN order_values AS o
    ON o.customerId = c.customerId AND o.ts <= c.ts AND o.ts > c.ts - INTERVAL '365' DAY(3)
  LEFT JOIN customers AS p ON p.customerId = c.customerId
  GROUP BY c.orderId, c.notificationId, c.kind, c.revenue)
GROUP BY kind, segment
ORDER BY kind, segment;

-- 2. Every notification sent, checked with the job's functions: whether the decision that caused it
--    (triggeredAt) and its sending (eventTime) fell in the customer's quiet hours (a notification is
--    held to the end of them, so the second is always false), and for cart reminders whether the
--    cart hash and the notificationId recomputed from the items are the ones sent
SELECT n.kind, n.customerId, n.channel, n.eventTime,
       SW_QUIET_HOURS(n.channel, c.timezone, n.triggeredAt) AS triggeredInQuietHours,
       SW_QUIET_HOURS(n.channel, c.timezone, n.eventTime) AS sentInQuietHours,
       CASE WHEN n.kind = 'abandoned_cart' THEN SW_CART_HASH(n.items) = n.cart.cartHash END AS cartHashMatches,
       CASE WHEN n.kind = 'abandoned_cart'
            THEN SW_NOTIFICATION_ID(n.kind, n.customerId, SW_CART_HASH(n.items), n.step) = n.notificationId END AS idMatches
FROM sent AS n LEFT JOIN customers AS c ON c.customerId = n.customerId
ORDER BY n.kind, n.customerId, n.eventTime;
