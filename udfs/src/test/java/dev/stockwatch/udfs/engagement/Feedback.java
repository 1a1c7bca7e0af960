package dev.stockwatch.udfs.engagement;

import dev.stockwatch.udfs.domain.Channel;
import java.time.Instant;

/** Feedback events for the tests: one customer, readable instants. */
final class Feedback {
    static final String CUSTOMER = "c-1";

    private Feedback() {}

    static FeedbackEvent of(Channel channel, FeedbackKind kind, String address, String at) {
        return new FeedbackEvent("n-1", CUSTOMER, channel, kind, false, address, Instant.parse(at).toEpochMilli());
    }

    static FeedbackEvent email(FeedbackKind kind, String address, String at) {
        return of(Channel.EMAIL, kind, address, at);
    }

    static FeedbackEvent hardBounce(String address, String at) {
        return new FeedbackEvent("n-1", CUSTOMER, Channel.EMAIL, FeedbackKind.BOUNCED, true, address,
                Instant.parse(at).toEpochMilli());
    }

    static FeedbackEvent softBounce(String address, String at) {
        return email(FeedbackKind.BOUNCED, address, at);
    }

    static FeedbackEvent opened(String at) {
        return email(FeedbackKind.OPENED, "a@x", at);
    }
}
