package dev.stockwatch.udfs.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What attribution (SPEC §13) needs of a notification that was sent: its id, kind, cart step,
 * channel, the skus it listed and its {@code eventTime}. Read back from the notification's JSON,
 * so conversions are counted from exactly what the senders received.
 */
public record SentNotification(
        String notificationId, String customerId, Kind kind, Integer step, String channel, List<String> skus, long sentAt) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Reads a notification written by {@link OutputJson#write(Notification)}. */
    public static SentNotification fromJson(String json) {
        try {
            JsonNode n = MAPPER.readTree(json);
            List<String> skus = new ArrayList<>();
            for (JsonNode item : n.path("items")) {
                skus.add(item.path("sku").asText());
            }
            JsonNode step = n.get("step");
            return new SentNotification(n.path("notificationId").asText(), n.path("customerId").asText(),
                    Kind.of(n.path("kind").asText()), step == null ? null : step.asInt(), n.path("channel").asText(),
                    List.copyOf(skus), Instant.parse(n.path("eventTime").asText()).toEpochMilli());
        } catch (IOException e) {
            throw new UncheckedIOException("not a notification: " + json, e);
        }
    }

    public boolean lists(String sku) {
        return skus.contains(sku);
    }
}
