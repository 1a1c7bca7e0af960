package dev.stockwatch.udfs.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockwatch.udfs.domain.Channel;
import dev.stockwatch.udfs.engagement.ChannelStanding;
import dev.stockwatch.udfs.engagement.EngagementRecord;
import dev.stockwatch.udfs.parse.IsoInstants;

/** Writes the output records as one-line JSON in the field order of SPEC §3, leaving out nulls. */
public final class OutputJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OutputJson() {}

    public static String instant(long epochMillis) {
        return IsoInstants.format(epochMillis);
    }

    public static String write(Notification n) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("notificationId", n.notificationId());
        o.put("kind", n.kind().id());
        o.put("customerId", n.customerId());
        o.put("channel", n.channel());
        o.put("address", n.address());
        putIfSet(o, "locale", n.locale());
        ArrayNode items = o.putArray("items");
        for (Item item : n.items()) {
            ObjectNode i = items.addObject();
            i.put("sku", item.sku());
            if (item.quantity() != null) {
                i.put("quantity", item.quantity());
            }
            putIfSet(i, "name", item.name());
            putIfSet(i, "url", item.url());
            if (item.price() != null) {
                i.put("price", item.price());
            }
            putIfSet(i, "currency", item.currency());
            if (item.inStore() != null) {
                i.put("inStore", item.inStore());
            }
        }
        if (n.step() != null) {
            o.put("step", n.step());
        }
        if (n.cart() != null) {
            ObjectNode c = o.putObject("cart");
            c.put("cartHash", n.cart().cartHash());
            c.put("value", n.cart().value());
            putIfSet(c, "currency", n.cart().currency());
        }
        if (n.incentive() != null) {
            ObjectNode i = o.putObject("incentive");
            i.put("percentOff", n.incentive().percentOff());
            i.put("freeShipping", n.incentive().freeShipping());
            i.put("code", n.incentive().code());
            i.put("cartHash", n.incentive().cartHash());
            i.put("expiresAt", instant(n.incentive().expiresAt()));
        }
        putIfSet(o, "segment", n.segment());
        if (n.resubscribeLink() != null) {
            o.putObject("links").put("resubscribe", n.resubscribeLink());
        }
        o.put("eventTime", instant(n.eventTime()));
        o.put("triggeredAt", instant(n.triggeredAt()));
        return write(o);
    }

    public static String write(Suppression s) {
        ObjectNode o = MAPPER.createObjectNode();
        putIfSet(o, "notificationId", s.notificationId());
        o.put("kind", s.kind().id());
        o.put("customerId", s.customerId());
        o.put("reason", s.reason().id());
        ArrayNode skus = o.putArray("skus");
        s.skus().forEach(skus::add);
        if (s.step() != null) {
            o.put("step", s.step());
        }
        o.put("eventTime", instant(s.eventTime()));
        o.put("triggeredAt", instant(s.triggeredAt()));
        return write(o);
    }

    public static String write(Conversion c) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("orderId", c.orderId());
        o.put("customerId", c.customerId());
        o.put("notificationId", c.notificationId());
        o.put("kind", c.kind().id());
        if (c.step() != null) {
            o.put("step", c.step());
        }
        o.put("channel", c.channel());
        ArrayNode skus = o.putArray("skus");
        c.skus().forEach(skus::add);
        o.put("revenue", c.revenue());
        o.put("notifiedAt", instant(c.notifiedAt()));
        o.put("eventTime", instant(c.eventTime()));
        return write(o);
    }

    public static String write(DeadLetter d) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("reason", d.reason());
        o.put("source", d.source());
        if (d.partition() >= 0) {
            o.put("partition", d.partition());
        }
        o.put("offset", d.offset());
        o.put("payload", d.payload());
        return write(o);
    }

    /** An {@code engagement} record (SPEC §2): channels in {@link Channel} order, no preferredHour when there is none. */
    public static String write(EngagementRecord r) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("customerId", r.customerId());
        ObjectNode channels = o.putObject("channels");
        for (Channel channel : Channel.values()) {
            ChannelStanding standing = r.channels().get(channel);
            if (standing != null) {
                ObjectNode c = channels.putObject(channel.id());
                c.put("status", standing.status().id());
                putIfSet(c, "address", standing.address());
            }
        }
        if (r.preferredHour() != null) {
            o.put("preferredHour", r.preferredHour());
        }
        o.put("at", instant(r.at()));
        return write(o);
    }

    private static void putIfSet(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }

    private static String write(ObjectNode o) {
        try {
            return MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an ObjectNode always serializes", e);
        }
    }
}
