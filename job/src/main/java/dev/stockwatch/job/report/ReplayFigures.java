package dev.stockwatch.job.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockwatch.job.conversion.AttributionFunction;
import dev.stockwatch.job.conversion.Conversions;
import dev.stockwatch.job.delivery.Funnel;
import dev.stockwatch.job.io.Replay;
import dev.stockwatch.job.io.ReplayOutput;
import dev.stockwatch.job.model.OutputRecord;
import dev.stockwatch.job.graph.Accounting;
import dev.stockwatch.job.restock.WaitingListFunction;
import dev.stockwatch.udfs.domain.Channel;
import dev.stockwatch.udfs.domain.NotificationIds;
import dev.stockwatch.udfs.event.Topic;
import dev.stockwatch.udfs.output.Kind;
import dev.stockwatch.udfs.output.OutputJson;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The figures of a replay as data (SPEC §10): records per input, notifications per kind and channel
 * and over event time, suppressions and dead letters per reason, the back-in-stock and cart ladder
 * funnels, conversions and revenue per kind and step with their share of all order revenue, and
 * the waiting-list depth of the top skus. {@code OUT/summary.json} is {@link #json()}; the text
 * summary and {@code OUT/report.html} are drawn from it. Everything is derived from the sorted
 * output and the accumulators, so it is the same for every parallelism.
 */
public final class ReplayFigures {
    /** How many skus the waiting-list figure shows. */
    public static final int TOP_SKUS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long DAY = 86_400_000L;

    private final ObjectNode root = JSON.createObjectNode();

    private ReplayFigures() {}

    public static ReplayFigures of(Replay.Result result) throws Exception {
        ReplayFigures f = new ReplayFigures();
        Parsed parsed = Parsed.of(result.output());
        f.root.put("eventTimeEnds", result.until() == Long.MIN_VALUE ? null : OutputJson.instant(result.until()));
        f.inputs(result.counters());
        f.notifications(parsed);
        f.backInStockFunnel(result.counters());
        f.cartLadder(parsed);
        f.conversions(parsed, result.counters());
        f.countsBy("suppressed", parsed.suppressed, "reason", "kind");
        f.countsBy("deadLetters", parsed.deadLetters, "source", "reason");
        f.waitingLists(parsed, result.counters());
        return f;
    }

    public ObjectNode json() {
        return root;
    }

    /** {@code summary.json}: the figures, indented, with a final line break. */
    public String prettyJson() throws Exception {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    /** The output records parsed once. */
    private record Parsed(List<JsonNode> sent, List<JsonNode> suppressed, List<JsonNode> deadLetters, List<JsonNode> conversions) {
        static Parsed of(ReplayOutput output) throws Exception {
            List<JsonNode> sent = new ArrayList<>();
            for (Channel channel : Channel.values()) {
                sent.addAll(read(output, channel.id()));
            }
            // every channel file is sorted by event time; the figures want one order across them
            sent.sort(Comparator.comparing((JsonNode n) -> n.path("eventTime").asText()).thenComparing(JsonNode::toString));
            return new Parsed(sent, read(output, OutputRecord.SUPPRESSED), read(output, OutputRecord.DLQ),
                    read(output, AttributionFunction.TOPIC));
        }

        private static List<JsonNode> read(ReplayOutput output, String topic) throws Exception {
            List<JsonNode> nodes = new ArrayList<>();
            for (OutputRecord r : output.records(topic)) {
                nodes.add(JSON.readTree(r.json()));
            }
            return nodes;
        }
    }

    private void inputs(Map<String, Object> counters) {
        ObjectNode inputs = root.putObject("inputs");
        for (Topic topic : Topic.values()) {
            ObjectNode t = inputs.putObject(topic.defaultName());
            t.put("read", count(counters, Accounting.counter(Accounting.READ, topic)));
            t.put("processed", count(counters, Accounting.counter(Accounting.PROCESSED, topic)));
            t.put("deadLettered", count(counters, Accounting.counter(Accounting.DEAD_LETTERED, topic)));
            t.put("afterUntil", count(counters, Accounting.counter(Accounting.AFTER_UNTIL, topic)));
        }
    }

    private void notifications(Parsed p) {
        ObjectNode n = root.putObject("notifications");
        n.put("total", p.sent.size());
        Map<String, Long> byKindAndChannel = new TreeMap<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (JsonNode s : p.sent) {
            byKindAndChannel.merge(s.path("kind").asText() + " via " + s.path("channel").asText(), 1L, Long::sum);
            long at = Instant.parse(s.path("eventTime").asText()).toEpochMilli();
            first = Math.min(first, at);
            last = Math.max(last, at);
        }
        ArrayNode rows = n.putArray("byKindAndChannel");
        byKindAndChannel.forEach((label, count) -> {
            String[] kc = label.split(" via ");
            rows.addObject().put("kind", kc[0]).put("channel", kc[1]).put("count", count);
        });
        // over event time: hourly buckets for up to a week of notifications, daily beyond
        ChronoUnit unit = last - first <= 7 * DAY ? ChronoUnit.HOURS : ChronoUnit.DAYS;
        n.put("bucket", unit == ChronoUnit.HOURS ? "hour" : "day");
        Map<String, Map<String, Long>> perBucket = new TreeMap<>();
        for (JsonNode s : p.sent) {
            String bucket = Instant.parse(s.path("eventTime").asText()).truncatedTo(unit).toString();
            perBucket.computeIfAbsent(bucket, b -> new TreeMap<>())
                    .merge(s.path("kind").asText() + " via " + s.path("channel").asText(), 1L, Long::sum);
        }
        ArrayNode overTime = n.putArray("overTime");
        perBucket.forEach((bucket, counts) -> counts.forEach((series, count) ->
                overTime.addObject().put("at", bucket).put("series", series).put("count", count)));
    }

    private void backInStockFunnel(Map<String, Object> counters) {
        long notified = count(counters, Funnel.NOTIFIED);
        long purchased = count(counters, Funnel.PURCHASED);
        long soldOutAgain = count(counters, Funnel.SOLD_OUT_AGAIN);
        root.putObject("backInStockFunnel").put("notified", notified).put("purchased", purchased)
                .put("soldOutAgain", soldOutAgain).put("stillOpen", notified - purchased - soldOutAgain);
    }

    /**
     * Every cart reminder sent at step k ends one way: recovered (an order was attributed to it),
     * moved on (the same cart's step k+1 was sent), or ended (the cart changed or was emptied, an
     * order came without it, a later step was suppressed, or the ladder was still open when the
     * replay ended).
     */
    private void cartLadder(Parsed p) {
        Set<String> converted = new HashSet<>();
        for (JsonNode c : p.conversions) {
            converted.add(c.path("notificationId").asText());
        }
        Set<String> sentIds = new HashSet<>();
        for (JsonNode s : p.sent) {
            sentIds.add(s.path("notificationId").asText());
        }
        Map<Integer, long[]> steps = new TreeMap<>();
        for (JsonNode s : p.sent) {
            if (!s.path("kind").asText().equals(Kind.ABANDONED_CART.id())) {
                continue;
            }
            int step = s.path("step").asInt();
            long[] counts = steps.computeIfAbsent(step, k -> new long[4]);
            counts[0]++;
            String next = NotificationIds.abandonedCart(s.path("customerId").asText(), s.path("cart").path("cartHash").asText(),
                    step + 1);
            if (converted.contains(s.path("notificationId").asText())) {
                counts[1]++;
            } else if (sentIds.contains(next)) {
                counts[2]++;
            } else {
                counts[3]++;
            }
        }
        ArrayNode ladder = root.putArray("cartLadder");
        steps.forEach((step, c) -> ladder.addObject().put("step", step).put("reminded", c[0]).put("recovered", c[1])
                .put("movedOn", c[2]).put("ended", c[3]));
    }

    private void conversions(Parsed p, Map<String, Object> counters) {
        Map<String, double[]> byKind = new TreeMap<>();
        double revenue = 0;
        for (JsonNode c : p.conversions) {
            String label = c.path("kind").asText() + (c.has("step") ? ":" + c.path("step").asInt() : "");
            double[] k = byKind.computeIfAbsent(label, l -> new double[2]);
            k[0]++;
            k[1] += c.path("revenue").asDouble();
            revenue += c.path("revenue").asDouble();
        }
        double orderRevenue = count(counters, Conversions.ORDER_REVENUE_CENTS) / 100.0;
        ObjectNode conv = root.putObject("conversions");
        conv.put("total", p.conversions.size());
        conv.put("revenue", money(revenue));
        conv.put("orders", count(counters, Conversions.ORDERS));
        conv.put("orderRevenue", money(orderRevenue));
        conv.put("shareOfOrderRevenue", orderRevenue == 0 ? 0.0 : round(revenue / orderRevenue, 4));
        ArrayNode rows = conv.putArray("byKindAndStep");
        byKind.forEach((label, k) -> {
            String[] ks = label.split(":");
            ObjectNode row = rows.addObject().put("kind", ks[0]);
            if (ks.length > 1) {
                row.put("step", Integer.parseInt(ks[1]));
            }
            row.put("conversions", (long) k[0]).put("revenue", money(k[1]));
        });
    }

    private void countsBy(String name, List<JsonNode> records, String field, String by) {
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        for (JsonNode r : records) {
            counts.computeIfAbsent(r.path(field).asText(), f -> new TreeMap<>()).merge(r.path(by).asText(), 1L, Long::sum);
        }
        ObjectNode node = root.putObject(name);
        node.put("total", records.size());
        ArrayNode rows = node.putArray("counts");
        counts.forEach((f, perBy) -> perBy.forEach((b, n) -> rows.addObject().put(field, f).put(by, b).put("count", n)));
    }

    /** The skus with the most customers waiting at a restock, and how many were told it was back. */
    private void waitingLists(Parsed p, Map<String, Object> counters) {
        @SuppressWarnings("unchecked")
        Map<String, Long> depth = counters.get(WaitingListFunction.DEPTH_AT_RESTOCK) instanceof Map<?, ?> m
                ? (Map<String, Long>) m : Map.of();
        Map<String, Long> told = new TreeMap<>();
        for (JsonNode s : p.sent) {
            if (s.path("kind").asText().equals(Kind.BACK_IN_STOCK.id())) {
                s.path("items").forEach(i -> told.merge(i.path("sku").asText(), 1L, Long::sum));
            }
        }
        List<Map.Entry<String, Long>> top = new ArrayList<>(depth.entrySet());
        top.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        ArrayNode rows = root.putArray("waitingLists");
        for (Map.Entry<String, Long> e : top.subList(0, Math.min(TOP_SKUS, top.size()))) {
            rows.addObject().put("sku", e.getKey()).put("waitingAtRestock", e.getValue())
                    .put("toldBackInStock", told.getOrDefault(e.getKey(), 0L));
        }
    }

    static long count(Map<String, Object> counters, String name) {
        Object v = counters.get(name);
        return v instanceof Number n ? n.longValue() : 0L;
    }

    private static BigDecimal money(double amount) {
        return BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_UP);
    }

    private static double round(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }
}
