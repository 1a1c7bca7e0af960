package dev.stockwatch.udfs.engagement;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the engagement function remembers of one channel of a customer: the address of the latest
 * feedback on it, whether that address bounced (and when), the soft bounces to it in a row, and
 * whether the customer opted out of the channel. Feedback for another address moves the channel
 * to that address, and the status follows it; an address that bounced stays bounced when the
 * channel comes back to it, until a {@code delivered} to it that is later than its bounce (SPEC
 * §14). Of the addresses left behind, the {@link #REMEMBERED} latest bounced ones are kept.
 */
final class ChannelState {
    /** How many bounced addresses besides the current one a channel remembers. */
    static final int REMEMBERED = 8;
    static final long NOT_BOUNCED = Long.MIN_VALUE;
    /** The bounce of a state stored before bounces had a time: earlier than any feedback. */
    static final long BOUNCED_AT_UNKNOWN_TIME = Long.MIN_VALUE + 1;

    String address;
    int softBounces;
    /** When the current address bounced, or {@link #NOT_BOUNCED}. */
    long bouncedAt = NOT_BOUNCED;
    boolean optedOut;
    /** Earlier addresses of the channel that bounced → when, oldest first; the oldest go beyond {@link #REMEMBERED}. */
    final LinkedHashMap<String, Long> bouncedBefore = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > REMEMBERED;
        }
    };

    ChannelState() {}

    ChannelState(String address, int softBounces, long bouncedAt, boolean optedOut, Map<String, Long> bouncedBefore) {
        this.address = address;
        this.softBounces = softBounces;
        this.bouncedAt = bouncedAt;
        this.optedOut = optedOut;
        this.bouncedBefore.putAll(bouncedBefore);
    }

    boolean bounced() {
        return bouncedAt != NOT_BOUNCED;
    }

    void apply(FeedbackEvent event, int softBounceLimit) {
        if (!event.address().equals(address)) {
            moveTo(event.address());
        }
        switch (event.kind()) {
            case DELIVERED -> {
                if (event.at() > bouncedAt) {
                    bouncedAt = NOT_BOUNCED;
                }
                softBounces = 0;
            }
            case BOUNCED -> {
                if (event.hardBounce() || ++softBounces >= softBounceLimit) {
                    bouncedAt = Math.max(bouncedAt, event.at());
                }
            }
            case COMPLAINED, UNSUBSCRIBED -> optedOut = true;
            case RESUBSCRIBED -> optedOut = false;
            case OPENED, CLICKED -> { } // engagement: counted by OpenHours
        }
    }

    /** The channel's feedback now concerns {@code next}: the row of soft bounces starts again. */
    private void moveTo(String next) {
        if (address != null && bounced()) {
            bouncedBefore.put(address, bouncedAt);
        }
        Long before = bouncedBefore.remove(next);
        address = next;
        bouncedAt = before == null ? NOT_BOUNCED : before;
        softBounces = 0;
    }

    ChannelStanding standing() {
        ChannelStatus status = optedOut ? ChannelStatus.OPTED_OUT : bounced() ? ChannelStatus.BOUNCED : ChannelStatus.OK;
        return new ChannelStanding(status, address);
    }
}
