package dev.stockwatch.udfs.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockwatch.udfs.event.CartAction;
import dev.stockwatch.udfs.event.CartEvent;
import dev.stockwatch.udfs.event.CatalogEvent;
import dev.stockwatch.udfs.event.Consent;
import dev.stockwatch.udfs.event.ChannelEngagement;
import dev.stockwatch.udfs.event.CustomerProfile;
import dev.stockwatch.udfs.event.EngagementEvent;
import dev.stockwatch.udfs.event.InputEvent;
import dev.stockwatch.udfs.event.InterestEvent;
import dev.stockwatch.udfs.event.OrderEvent;
import dev.stockwatch.udfs.event.OrderItem;
import dev.stockwatch.udfs.event.StockEvent;
import dev.stockwatch.udfs.event.Topic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses and validates one JSON input record (SPEC §2). Unknown fields are ignored; every broken
 * rule becomes an {@link InvalidEventException} whose message is the dead-letter reason.
 */
public final class EventParser {
    /** One JSON value per record: anything after the object (a second object, garbage) is not valid JSON. */
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final List<String> CHANNELS = List.of("email", "sms", "push", "viber", "whatsapp");

    private EventParser() {}

    /**
     * @param latestAllowedAt the latest acceptable event time in epoch millis (live mode: wall
     *     clock + {@code input.max-future}); {@link Long#MAX_VALUE} disables the check
     */
    public static InputEvent parse(Topic topic, String payload, long latestAllowedAt) throws InvalidEventException {
        ObjectNode node = readObject(payload);
        JsonFields f = new JsonFields(topic.defaultName(), node);
        long at = f.at();
        if (at > latestAllowedAt) {
            throw new InvalidEventException(f.name("at") + " is more than input.max-future ahead of the wall clock: "
                    + Instant.ofEpochMilli(at) + " > " + Instant.ofEpochMilli(latestAllowedAt));
        }
        return switch (topic) {
            case INTEREST -> interest(f, at);
            case STOCK -> stock(f, at);
            case CATALOG -> catalog(f, at);
            case CART -> cart(f, at);
            case ORDERS -> order(f, node, at);
            case CUSTOMERS -> customer(f, at);
            case ENGAGEMENT -> engagement(f, at);
        };
    }

    public static InputEvent parse(Topic topic, String payload) throws InvalidEventException {
        return parse(topic, payload, Long.MAX_VALUE);
    }

    private static ObjectNode readObject(String payload) throws InvalidEventException {
        JsonNode node;
        try {
            node = MAPPER.readTree(payload);
        } catch (JsonProcessingException e) {
            String detail = e.getOriginalMessage();
            if (detail != null && detail.length() > 120) {
                detail = detail.substring(0, 117) + "...";
            }
            throw new InvalidEventException("not valid JSON: " + detail);
        }
        if (node == null || node.isMissingNode()) {
            throw new InvalidEventException("not valid JSON: empty record");
        }
        if (!node.isObject()) {
            throw new InvalidEventException("not a JSON object: " + JsonFields.describe(node));
        }
        return (ObjectNode) node;
    }

    private static InterestEvent interest(JsonFields f, long at) throws InvalidEventException {
        String type = f.requiredChoice("type", "subscribe", "unsubscribe");
        return new InterestEvent(type.equals("subscribe"), f.requiredId("customerId"), f.requiredId("sku"), at);
    }

    private static StockEvent stock(JsonFields f, long at) throws InvalidEventException {
        String sku = f.requiredId("sku");
        String location = f.optionalId("location");
        long available = f.requiredLong("available", 0);
        return new StockEvent(sku, location == null ? "online" : location, available, at);
    }

    private static CatalogEvent catalog(JsonFields f, long at) throws InvalidEventException {
        return new CatalogEvent(
                f.requiredId("sku"),
                f.optionalText("name"),
                f.optionalText("url"),
                f.optionalAmount("price"),
                f.optionalText("currency"),
                at);
    }

    private static CartEvent cart(JsonFields f, long at) throws InvalidEventException {
        CartAction action = CartAction.valueOf(
                f.requiredChoice("type", "add", "remove", "clear", "checkout").toUpperCase(Locale.ROOT));
        String customerId = f.requiredId("customerId");
        String cartId = f.optionalId("cartId");
        String currency = f.optionalText("currency");
        return switch (action) {
            case ADD -> new CartEvent(action, customerId, cartId, f.requiredId("sku"),
                    f.requiredQuantity("quantity"), f.requiredAmount("unitPrice"), currency, at);
            case REMOVE -> new CartEvent(action, customerId, cartId, f.requiredId("sku"),
                    f.requiredQuantity("quantity"), f.optionalAmount("unitPrice"), currency, at);
            case CLEAR, CHECKOUT -> new CartEvent(action, customerId, cartId, f.optionalId("sku"), 0, null, currency, at);
        };
    }

    private static OrderEvent order(JsonFields f, ObjectNode node, long at) throws InvalidEventException {
        String orderId = f.requiredId("orderId");
        String customerId = f.requiredId("customerId");
        String channel = f.requiredChoice("channel", "online", "pos");
        String storeId = f.optionalId("storeId");
        JsonNode items = f.requiredArray("items");
        List<OrderItem> lines = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String prefix = "items[" + i + "]";
            if (!item.isObject()) {
                throw new InvalidEventException(f.name(prefix) + " must be an object, was " + JsonFields.describe(item));
            }
            JsonFields itemFields = new JsonFields(f.name(prefix), (ObjectNode) item);
            lines.add(new OrderItem(
                    itemFields.requiredId("sku"),
                    itemFields.requiredQuantity("quantity"),
                    itemFields.requiredAmount("unitPrice")));
        }
        return new OrderEvent(orderId, customerId, channel, storeId, lines, at);
    }

    private static CustomerProfile customer(JsonFields f, long at) throws InvalidEventException {
        String customerId = f.requiredId("customerId");
        JsonNode consentNode = f.optionalObject("consent");
        Consent consent = Consent.NONE;
        if (consentNode != null) {
            consent = new Consent(
                    f.optionalBoolean(consentNode, "consent", "email"),
                    f.optionalBoolean(consentNode, "consent", "sms"),
                    f.optionalBoolean(consentNode, "consent", "push"),
                    f.optionalBoolean(consentNode, "consent", "viber"),
                    f.optionalBoolean(consentNode, "consent", "whatsapp"));
        }
        String timezone = f.optionalZone("timezone");
        return new CustomerProfile(
                customerId,
                f.optionalText("email"),
                f.optionalText("phone"),
                f.optionalText("pushToken"),
                f.optionalText("viber"),
                f.optionalText("whatsapp"),
                consent,
                timezone == null ? "UTC" : timezone,
                f.optionalText("locale"),
                f.optionalText("segment"),
                f.optionalId("homeStore"),
                at);
    }

    private static EngagementEvent engagement(JsonFields f, long at) throws InvalidEventException {
        String customerId = f.requiredId("customerId");
        JsonNode channels = f.requiredObject("channels");
        Map<String, ChannelEngagement> byChannel = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = channels.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = "channels." + e.getKey();
            if (!CHANNELS.contains(e.getKey())) {
                throw new InvalidEventException(f.name(name) + ": unknown channel (one of " + String.join(", ", CHANNELS) + ")");
            }
            if (!e.getValue().isObject()) {
                throw new InvalidEventException(f.name(name) + " must be an object, was " + JsonFields.describe(e.getValue()));
            }
            JsonFields channel = new JsonFields(f.name(name), (ObjectNode) e.getValue());
            byChannel.put(e.getKey(), new ChannelEngagement(
                    channel.requiredChoice("status", ChannelEngagement.OK, ChannelEngagement.BOUNCED, ChannelEngagement.OPTED_OUT),
                    channel.optionalText("address")));
        }
        Long hour = f.optionalLong("preferredHour", 0, 23);
        return new EngagementEvent(customerId, byChannel.get("email"), byChannel.get("sms"), byChannel.get("push"),
                byChannel.get("viber"), byChannel.get("whatsapp"), hour == null ? null : hour.intValue(), at);
    }
}
