package dev.stockwatch.udfs.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockwatch.udfs.domain.Channel;
import dev.stockwatch.udfs.engagement.FeedbackEvent;
import dev.stockwatch.udfs.engagement.FeedbackKind;

/**
 * Parses and validates one record of the senders' {@code feedback} topic (SPEC §14) with the
 * same field rules as the shop's inputs (SPEC §2): ids of at most 128 characters, {@code at} an
 * ISO-8601 instant. Every broken rule is an {@link InvalidEventException} whose message is the
 * dead-letter reason.
 */
public final class FeedbackParser {
    /** The topic name the reasons use, {@code feedback.event} and so on. */
    public static final String TOPIC = "feedback";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final String[] CHANNELS = {"email", "sms", "push", "viber", "whatsapp"};

    private FeedbackParser() {}

    public static FeedbackEvent parse(String payload) throws InvalidEventException {
        JsonFields f = new JsonFields(TOPIC, object(payload));
        String notificationId = f.requiredId("notificationId");
        String customerId = f.requiredId("customerId");
        Channel channel = Channel.fromId(f.requiredChoice("channel", CHANNELS));
        FeedbackKind kind = FeedbackKind.fromId(f.requiredChoice("event", FeedbackKind.ids()));
        boolean hard = kind == FeedbackKind.BOUNCED && f.requiredChoice("bounceType", "hard", "soft").equals("hard");
        String address = f.optionalText("address");
        if (address == null) {
            throw new InvalidEventException("missing required field " + f.name("address"));
        }
        if (address.isBlank()) {
            throw new InvalidEventException(f.name("address") + " must not be empty");
        }
        return new FeedbackEvent(notificationId, customerId, channel, kind, hard, address, f.at());
    }

    /** The {@code customerId} of a feedback record, or null when it has none or is not JSON. */
    public static String customerIdOf(String payload) {
        try {
            JsonNode id = object(payload).get("customerId");
            return id != null && id.isTextual() ? id.textValue() : null;
        } catch (InvalidEventException e) {
            return null;
        }
    }

    private static ObjectNode object(String payload) throws InvalidEventException {
        JsonNode node;
        try {
            node = payload == null ? null : MAPPER.readTree(payload);
        } catch (JsonProcessingException e) {
            String detail = e.getOriginalMessage();
            throw new InvalidEventException("not valid JSON: "
                    + (detail != null && detail.length() > 120 ? detail.substring(0, 117) + "..." : detail));
        }
        if (node == null || node.isMissingNode()) {
            throw new InvalidEventException("not valid JSON: empty record");
        }
        if (!node.isObject()) {
            throw new InvalidEventException("not a JSON object: " + JsonFields.describe(node));
        }
        return (ObjectNode) node;
    }
}
