package dev.stockwatch.udfs.domain;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;

/**
 * Quiet hours [start, end) in the customer's local time, daylight-saving aware (SPEC §7). A period
 * that wraps midnight (21:00–08:00) is the usual case; start == end means no quiet hours.
 */
public record QuietHours(LocalTime start, LocalTime end, List<Channel> channels) implements Serializable {

    public boolean appliesTo(Channel channel) {
        return channels.contains(channel);
    }

    /** Whether {@code t} falls in the quiet period in {@code zone}. */
    public boolean isQuiet(long t, String zone) {
        if (start.equals(end)) {
            return false;
        }
        LocalTime local = ZonedDateTime.ofInstant(Instant.ofEpochMilli(t), ZoneId.of(zone)).toLocalTime();
        if (start.isBefore(end)) {
            return !local.isBefore(start) && local.isBefore(end);
        }
        return !local.isBefore(start) || local.isBefore(end);
    }

    /**
     * The end of the quiet period that contains {@code t}: the next local {@code end} after t. On a
     * day where {@code end} falls in a daylight-saving gap, the first instant after the gap; where it
     * falls in an overlap (a repeated hour), the first occurrence after t.
     */
    public long releaseTime(long t, String zone) {
        ZoneId zoneId = ZoneId.of(zone);
        ZonedDateTime local = ZonedDateTime.ofInstant(Instant.ofEpochMilli(t), zoneId);
        LocalDate day = local.toLocalDate();
        if (!local.toLocalTime().isBefore(end)) {
            day = day.plusDays(1);
        }
        LocalDateTime release = LocalDateTime.of(day, end);
        ZoneOffsetTransition transition = zoneId.getRules().getTransition(release);
        if (transition != null && transition.isGap()) {
            return transition.getInstant().toEpochMilli();
        }
        ZonedDateTime at = ZonedDateTime.of(release, zoneId);
        if (at.toInstant().toEpochMilli() <= t) {
            at = at.withLaterOffsetAtOverlap();
        }
        return at.toInstant().toEpochMilli();
    }
}
