package dev.stockwatch.udfs.engagement;

import java.util.Locale;

/** The status of one channel of a customer in an {@code engagement} record (SPEC §2). */
public enum ChannelStatus {
    OK,
    BOUNCED,
    OPTED_OUT;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
