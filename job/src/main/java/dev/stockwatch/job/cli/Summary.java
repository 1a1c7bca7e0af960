package dev.stockwatch.job.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockwatch.job.delivery.Funnel;
import dev.stockwatch.job.io.Replay;
import dev.stockwatch.job.io.ReplayOutput;
import dev.stockwatch.job.model.OutputRecord;
import dev.stockwatch.job.graph.Accounting;
import dev.stockwatch.udfs.domain.Channel;
import dev.stockwatch.udfs.event.Topic;
import dev.stockwatch.udfs.output.OutputJson;
import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;

/** The replay summary: records per input, notifications per kind and channel, suppressions and dead letters per reason. */
final class Summary {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Summary() {}

    static void print(Replay.Result result, JsonNode figures, PrintStream out) throws Exception {
        Map<String, Object> c = result.counters();
        out.println();
        out.println("Inputs              read  processed  dead-lettered  after --until");
        long totalRead = 0;
        for (Topic topic : Topic.values()) {
            long read = count(c, Accounting.READ, topic);
            totalRead += read;
            out.printf("  %-12s %9d  %9d  %13d  %13d%n", topic.defaultName(), read, count(c, Accounting.PROCESSED, topic),
                    count(c, Accounting.DEAD_LETTERED, topic), count(c, Accounting.AFTER_UNTIL, topic));
        }
        out.printf("  %-12s %9d%n", "total", totalRead);
        out.println("Event time ends at " + (result.until() == Long.MIN_VALUE ? "(no events)" : OutputJson.instant(result.until())));

        ReplayOutput output = result.output();
        Map<String, Long> notifications = new TreeMap<>();
        long sent = 0;
        for (Channel channel : Channel.values()) {
            for (OutputRecord r : output.records(channel.id())) {
                notifications.merge(r.kind() + " via " + channel.id(), 1L, Long::sum);
                sent++;
            }
        }
        printCounts(out, "Notifications", sent, notifications);
        long notified = count(c, Funnel.NOTIFIED);
        long purchased = count(c, Funnel.PURCHASED);
        long soldOutAgain = count(c, Funnel.SOLD_OUT_AGAIN);
        out.printf("Back in stock funnel: %d notified -> %d purchased, %d sold out again, %d still open%n",
                notified, purchased, soldOutAgain, notified - purchased - soldOutAgain);
        printCartLadder(figures.path("cartLadder"), out);
        printConversions(figures.path("conversions"), out);
        printCounts(out, "Suppressed", output.records(OutputRecord.SUPPRESSED).size(),
                countBy(output, OutputRecord.SUPPRESSED, "reason", true));
        printCounts(out, "Dead letters", output.records(OutputRecord.DLQ).size(),
                countBy(output, OutputRecord.DLQ, "reason", false));
    }

    private static void printCartLadder(JsonNode ladder, PrintStream out) {
        out.println("Cart ladder funnel:" + (ladder.isEmpty() ? " no reminders" : ""));
        for (JsonNode step : ladder) {
            out.printf("  step %d: %d reminded -> %d recovered, %d moved on to step %d, %d ended%n", step.path("step").asInt(),
                    step.path("reminded").asLong(), step.path("recovered").asLong(), step.path("movedOn").asLong(),
                    step.path("step").asInt() + 1, step.path("ended").asLong());
        }
    }

    private static void printConversions(JsonNode c, PrintStream out) {
        out.printf("Conversions: %d, revenue %s of %s from %d orders (%.1f %%)%n", c.path("total").asLong(),
                c.path("revenue").decimalValue().toPlainString(), c.path("orderRevenue").decimalValue().toPlainString(),
                c.path("orders").asLong(), c.path("shareOfOrderRevenue").asDouble() * 100);
        for (JsonNode row : c.path("byKindAndStep")) {
            out.printf("  %6d  %-22s revenue %s%n", row.path("conversions").asLong(),
                    row.path("kind").asText() + (row.has("step") ? " step " + row.path("step").asInt() : ""),
                    row.path("revenue").decimalValue().toPlainString());
        }
    }

    private static long count(Map<String, Object> counters, String what, Topic topic) {
        return count(counters, Accounting.counter(what, topic));
    }

    private static long count(Map<String, Object> counters, String name) {
        Object v = counters.get(name);
        return v instanceof Number n ? n.longValue() : 0L;
    }

    private static Map<String, Long> countBy(ReplayOutput output, String topic, String field, boolean withKind)
            throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        for (OutputRecord r : output.records(topic)) {
            JsonNode node = JSON.readTree(r.json());
            String label = node.path(field).asText();
            if (withKind) {
                label = label + " (" + r.kind() + ")";
            } else {
                label = node.path("source").asText() + ": " + label;
            }
            counts.merge(label, 1L, Long::sum);
        }
        return counts;
    }

    private static void printCounts(PrintStream out, String title, long total, Map<String, Long> counts) {
        out.printf("%s: %d%n", title, total);
        counts.forEach((label, n) -> out.printf("  %6d  %s%n", n, label));
    }
}
