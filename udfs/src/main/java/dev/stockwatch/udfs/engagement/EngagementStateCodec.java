package dev.stockwatch.udfs.engagement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockwatch.udfs.domain.Channel;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored form of an {@link EngagementState}: a small JSON object, versioned so that a later
 * release can read what an earlier one stored. The Stateful Functions runtime keeps it per
 * customer; the in-process runner keeps it in memory. Example: {@code
 * {"v":1,"latestAt":1795000000000,"channels":{"email":{"address":"a@x","softBounces":1,"bounced":false,"optedOut":false,
 * "bouncedAt":null,"bouncedBefore":{"old@x":1794000000000}}},"opens":[1794990000000]}}. {@code bouncedAt} and {@code
 * bouncedBefore} came later within version 1: a state without them reads a bounce as of the
 * earliest instant and no earlier bounced address.
 */
public final class EngagementStateCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int VERSION = 1;

    private EngagementStateCodec() {}

    public static String write(EngagementState state) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("v", VERSION);
        o.put("latestAt", state.latestAt());
        ObjectNode channels = o.putObject("channels");
        for (Map.Entry<Channel, ChannelState> e : state.channels().entrySet()) {
            ChannelState c = e.getValue();
            ObjectNode n = channels.putObject(e.getKey().id());
            n.put("address", c.address);
            n.put("softBounces", c.softBounces);
            n.put("bounced", c.bounced());
            n.put("optedOut", c.optedOut);
            if (c.bounced()) {
                n.put("bouncedAt", c.bouncedAt);
            } else {
                n.putNull("bouncedAt");
            }
            ObjectNode before = n.putObject("bouncedBefore");
            c.bouncedBefore.forEach(before::put);
        }
        ArrayNode opens = o.putArray("opens");
        state.openHours().instants().forEach(opens::add);
        try {
            return MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an ObjectNode always serializes", e);
        }
    }

    /** The state stored as {@code text}; a new, empty state for null. */
    public static EngagementState read(String text) {
        if (text == null) {
            return new EngagementState();
        }
        JsonNode o;
        try {
            o = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a stored engagement state: " + e.getOriginalMessage(), e);
        }
        if (o == null || o.path("v").asInt() != VERSION) {
            throw new IllegalArgumentException("not a stored engagement state of version " + VERSION + ": " + text);
        }
        EnumMap<Channel, ChannelState> channels = new EnumMap<>(Channel.class);
        for (Iterator<Map.Entry<String, JsonNode>> it = o.path("channels").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode n = e.getValue();
            Map<String, Long> before = new LinkedHashMap<>();
            n.path("bouncedBefore").fields().forEachRemaining(b -> before.put(b.getKey(), b.getValue().asLong()));
            long bouncedAt = !n.path("bounced").asBoolean() ? ChannelState.NOT_BOUNCED
                    : n.path("bouncedAt").isIntegralNumber() ? n.path("bouncedAt").asLong() : ChannelState.BOUNCED_AT_UNKNOWN_TIME;
            channels.put(Channel.fromId(e.getKey()), new ChannelState(
                    n.path("address").textValue(),
                    n.path("softBounces").asInt(),
                    bouncedAt,
                    n.path("optedOut").asBoolean(),
                    before));
        }
        List<Long> opens = new ArrayList<>();
        o.path("opens").forEach(at -> opens.add(at.asLong()));
        return new EngagementState(channels, new OpenHours(opens), o.path("latestAt").asLong());
    }
}
