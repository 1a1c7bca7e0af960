package dev.stockwatch.job.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockwatch.job.conversion.AttributionFunction;
import dev.stockwatch.job.io.ReplayOutput;
import dev.stockwatch.job.model.OutputRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Notifications and suppressions of a replay as comparable lines:
 * {@code topic kind customer [skus] eventTime [step=N] [incentive=X] [reason]}. Conversions are
 * not decisions; tests read them with {@link #conversions}.
 */
public final class Decisions {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Decisions() {}

    public static List<String> of(ReplayOutput output) throws Exception {
        List<String> out = new ArrayList<>();
        for (String topic : ReplayOutput.TOPICS) {
            if (topic.equals(OutputRecord.DLQ) || topic.equals(AttributionFunction.TOPIC)) {
                continue;
            }
            for (OutputRecord r : output.records(topic)) {
                out.add(describe(topic, JSON.readTree(r.json())));
            }
        }
        return out;
    }

    /** Conversions as {@code orderId customer notificationId kind [step=N] [skus] revenue eventTime}. */
    public static List<String> conversions(ReplayOutput output) throws Exception {
        List<String> out = new ArrayList<>();
        for (OutputRecord r : output.records(AttributionFunction.TOPIC)) {
            JsonNode n = JSON.readTree(r.json());
            List<String> skus = new ArrayList<>();
            n.path("skus").forEach(s -> skus.add(s.asText()));
            out.add(n.path("orderId").asText() + ' ' + n.path("customerId").asText() + ' ' + n.path("notificationId").asText()
                    + ' ' + n.path("kind").asText() + (n.has("step") ? " step=" + n.path("step").asInt() : "") + ' ' + skus
                    + ' ' + n.path("revenue").asDouble() + ' ' + n.path("eventTime").asText());
        }
        return out;
    }

    public static String describe(String topic, JsonNode n) {
        List<String> skus = new ArrayList<>();
        n.path(n.has("items") ? "items" : "skus").forEach(i -> skus.add(i.isTextual() ? i.asText() : i.path("sku").asText()));
        StringBuilder sb = new StringBuilder(topic).append(' ').append(n.path("kind").asText()).append(' ')
                .append(n.path("customerId").asText()).append(' ').append(skus).append(' ').append(n.path("eventTime").asText());
        if (n.path("kind").asText().equals("abandoned_cart")) {
            sb.append(" step=").append(n.path("step").asInt());
        }
        if (n.has("incentive")) {
            JsonNode i = n.path("incentive");
            sb.append(" incentive=").append(i.path("freeShipping").asBoolean() ? "free-shipping+" : "")
                    .append(i.path("percentOff").asInt()).append('%');
        }
        if (n.has("reason")) {
            sb.append(' ').append(n.path("reason").asText());
        }
        return sb.toString();
    }
}
