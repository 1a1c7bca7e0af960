package dev.stockwatch.udfs.domain;

import dev.stockwatch.udfs.output.Kind;
import java.io.Serializable;
import java.util.List;

/**
 * One-to-one send time (SPEC §7): for the kinds and steps in {@code sendtime.apply-to}, a
 * notification decided outside the customer's preferred UTC hour goes out at the next start of
 * that hour, if that is at most {@code sendtime.max-hold} away.
 *
 * @param applyTo "kind" (every step) or "kind:step"
 */
public record SendTime(List<String> applyTo, long maxHold) implements Serializable {
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;

    public boolean appliesTo(Kind kind, int step) {
        return applyTo.contains(kind.id()) || (step > 0 && applyTo.contains(kind.id() + ":" + step));
    }

    /**
     * The instant a notification decided at {@code t} goes out: {@code t} itself when there is no
     * preferred hour, when t lies inside it, or when its next start is more than the longest hold
     * away; else that next start.
     */
    public long goesOutAt(long t, Integer preferredHour) {
        if (preferredHour == null) {
            return t;
        }
        long start = Math.floorDiv(t, DAY) * DAY + preferredHour * HOUR;
        if (t >= start && t < start + HOUR) {
            return t;
        }
        long next = start > t ? start : start + DAY;
        return next - t <= maxHold ? next : t;
    }
}
