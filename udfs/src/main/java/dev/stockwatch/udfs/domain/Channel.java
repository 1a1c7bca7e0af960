package dev.stockwatch.udfs.domain;

import dev.stockwatch.udfs.event.ChannelEngagement;
import dev.stockwatch.udfs.event.CustomerProfile;
import dev.stockwatch.udfs.event.EngagementEvent;
import java.util.Locale;

/** A channel a message sender delivers on; each has its own output topic {@code notify.<channel>}. */
public enum Channel {
    EMAIL,
    SMS,
    PUSH,
    VIBER,
    WHATSAPP;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Channel fromId(String id) {
        for (Channel c : values()) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown channel \"" + id + "\" (email, sms, push, viber, whatsapp)");
    }

    /** The profile's address on this channel, or null when it has none. */
    public String address(CustomerProfile profile) {
        String address = switch (this) {
            case EMAIL -> profile.email();
            case SMS -> profile.phone();
            case PUSH -> profile.pushToken();
            case VIBER -> profile.viber();
            case WHATSAPP -> profile.whatsapp();
        };
        return address == null || address.isBlank() ? null : address;
    }

    public boolean consented(CustomerProfile profile) {
        return switch (this) {
            case EMAIL -> profile.consent().email();
            case SMS -> profile.consent().sms();
            case PUSH -> profile.consent().push();
            case VIBER -> profile.consent().viber();
            case WHATSAPP -> profile.consent().whatsapp();
        };
    }

    /** A channel is reachable when the profile has an address on it and consent is true. */
    public boolean reachable(CustomerProfile profile) {
        return consented(profile) && address(profile) != null;
    }

    /** Whether the engagement record rules this channel out for the profile's current address (SPEC §7). */
    public boolean blockedBy(EngagementEvent engagement, CustomerProfile profile) {
        if (engagement == null) {
            return false;
        }
        ChannelEngagement status = switch (this) {
            case EMAIL -> engagement.email();
            case SMS -> engagement.sms();
            case PUSH -> engagement.push();
            case VIBER -> engagement.viber();
            case WHATSAPP -> engagement.whatsapp();
        };
        return status != null && status.blocks(address(profile));
    }
}
