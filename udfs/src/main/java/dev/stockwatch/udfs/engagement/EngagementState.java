package dev.stockwatch.udfs.engagement;

import dev.stockwatch.udfs.domain.Channel;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The engagement of one customer (SPEC §14): per channel its status and address, and the opens
 * and clicks behind the preferred hour. {@link #apply} takes the customer's feedback in the order
 * it arrives and answers the {@code engagement} record to write, only when a channel's status or
 * address, or the preferred hour, changed. A bounce is undone only by a {@code delivered} stamped
 * later than it, whatever the order of arrival.
 */
public final class EngagementState {
    private final EnumMap<Channel, ChannelState> channels;
    private final OpenHours openHours;
    private long latestAt;

    public EngagementState() {
        this(new EnumMap<>(Channel.class), new OpenHours(), Long.MIN_VALUE);
    }

    EngagementState(EnumMap<Channel, ChannelState> channels, OpenHours openHours, long latestAt) {
        this.channels = channels;
        this.openHours = openHours;
        this.latestAt = latestAt;
    }

    public Optional<EngagementRecord> apply(FeedbackEvent event, EngagementRules rules) {
        Map<Channel, ChannelStanding> before = standings();
        Integer hourBefore = openHours.preferredHour(rules.minOpens());

        channels.computeIfAbsent(event.channel(), c -> new ChannelState()).apply(event, rules.softBounceLimit());
        latestAt = Math.max(latestAt, event.at());
        if (event.kind().isEngagement()) {
            openHours.add(event.at());
        }
        openHours.expire(latestAt, rules.window().toMillis());

        Map<Channel, ChannelStanding> after = standings();
        Integer hourAfter = openHours.preferredHour(rules.minOpens());
        if (after.equals(before) && Objects.equals(hourAfter, hourBefore)) {
            return Optional.empty();
        }
        // stamped with the latest feedback seen, not this one's: feedback may arrive out of order, and the
        // job keeps the engagement record with the latest `at` (SPEC §2), which must be this state
        return Optional.of(new EngagementRecord(event.customerId(), after, hourAfter, latestAt));
    }

    /** The channels that have a status, in {@link Channel} order. */
    public Map<Channel, ChannelStanding> standings() {
        EnumMap<Channel, ChannelStanding> out = new EnumMap<>(Channel.class);
        channels.forEach((channel, state) -> out.put(channel, state.standing()));
        return Collections.unmodifiableMap(out);
    }

    EnumMap<Channel, ChannelState> channels() {
        return channels;
    }

    OpenHours openHours() {
        return openHours;
    }

    long latestAt() {
        return latestAt;
    }
}
