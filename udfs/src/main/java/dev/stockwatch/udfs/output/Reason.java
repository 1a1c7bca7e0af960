package dev.stockwatch.udfs.output;

import java.util.Locale;

/** Why a notification was not sent (SPEC §7). */
public enum Reason {
    EXPIRED,
    SEGMENT_EXCLUDED,
    NO_REACHABLE_CHANNEL,
    UNKNOWN_CUSTOMER,
    FREQUENCY_CAP,
    DUPLICATE,
    NOT_NOTIFIED,
    ORDERED,
    SOLD_OUT,
    CART_CHANGED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
