package dev.stockwatch.udfs.engagement;

import java.util.Locale;

/** What a sender reports about one message on the {@code feedback} topic (SPEC §14). */
public enum FeedbackKind {
    DELIVERED,
    OPENED,
    CLICKED,
    BOUNCED,
    COMPLAINED,
    UNSUBSCRIBED,
    RESUBSCRIBED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The ids, in declaration order, as the parser lists them in its reasons. */
    public static String[] ids() {
        FeedbackKind[] all = values();
        String[] ids = new String[all.length];
        for (int i = 0; i < all.length; i++) {
            ids[i] = all[i].id();
        }
        return ids;
    }

    public static FeedbackKind fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    /** Opens and clicks are the engagement that sets the preferred hour. */
    public boolean isEngagement() {
        return this == OPENED || this == CLICKED;
    }
}
