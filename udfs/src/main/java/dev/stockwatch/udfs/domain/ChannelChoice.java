package dev.stockwatch.udfs.domain;

import dev.stockwatch.udfs.event.CustomerProfile;
import dev.stockwatch.udfs.event.EngagementEvent;
import java.util.List;

/** Picks the channel of a notification from a preference list (SPEC §7). */
public final class ChannelChoice {
    private ChannelChoice() {}

    /**
     * The first channel of {@code preference} on which the profile has an address and consent.
     *
     * @param smsAllowed false skips sms (a cart below {@code cart.sms-min-value} whose segment is
     *     neither cant_lose nor at_risk)
     * @return the channel, or null when none is reachable
     */
    public static Channel choose(List<Channel> preference, CustomerProfile profile, boolean smsAllowed) {
        return choose(preference, profile, null, smsAllowed);
    }

    /**
     * The first channel of {@code preference} on which the profile has an address and consent and
     * that engagement does not rule out: bounced for the profile's current address, or opted out.
     *
     * @param engagement the customer's engagement record, or null when there is none
     */
    public static Channel choose(List<Channel> preference, CustomerProfile profile, EngagementEvent engagement, boolean smsAllowed) {
        for (Channel channel : preference) {
            if (channel == Channel.SMS && !smsAllowed) {
                continue;
            }
            if (channel.reachable(profile) && !channel.blockedBy(engagement, profile)) {
                return channel;
            }
        }
        return null;
    }

    /** SMS is used for a cart only when it is valuable enough or the customer is at risk of being lost. */
    public static boolean smsAllowedForCart(double cartValue, double smsMinValue, String segment) {
        return cartValue >= smsMinValue || "cant_lose".equals(segment) || "at_risk".equals(segment);
    }
}
