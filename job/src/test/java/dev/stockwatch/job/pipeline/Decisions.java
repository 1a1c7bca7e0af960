package dev.stockwatch.job.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockwatch.job.io.ReplayOutput;
import dev.stockwatch.job.model.OutputRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Notifications and suppressions of a replay as comparable lines:
 * {@code topic kind customer [skus] eventTime [step=N] [incentive=X] [reason]}.
 */
public final class Decisions {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Decisions() {}

    public static List<String> of(ReplayOutput output) throws Exception {
        List<String> out = new ArrayList<>();
        for (String topic : ReplayOutput.TOPICS) {
            if (topic.equals(OutputRecord.DLQ)) {
                continue;
            }
            for (OutputRecord r : output.records(topic)) {
                out.add(describe(topic, JSON.readTree(r.json())));
            }
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
