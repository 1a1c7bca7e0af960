package dev.stockwatch.udfs.domain;

import dev.stockwatch.udfs.output.Reason;

/** The outcome of the delivery policy for one notification: emit on a channel, hold, or suppress. */
public record Verdict(Outcome outcome, Channel channel, Reason reason, long holdUntil) {
    public enum Outcome {
        EMIT,
        HOLD,
        SUPPRESS
    }

    public static Verdict emit(Channel channel) {
        return new Verdict(Outcome.EMIT, channel, null, 0L);
    }

    public static Verdict hold(Channel channel, long until) {
        return new Verdict(Outcome.HOLD, channel, null, until);
    }

    public static Verdict suppress(Reason reason) {
        return new Verdict(Outcome.SUPPRESS, null, reason, 0L);
    }
}
