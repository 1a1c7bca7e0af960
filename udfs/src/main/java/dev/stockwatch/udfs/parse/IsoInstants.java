package dev.stockwatch.udfs.parse;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Fast paths for the one instant form the job reads and writes all the time, {@code
 * 2026-11-22T10:15:30Z} or {@code 2026-11-22T10:15:30.123Z}, with the same results as {@link
 * Instant#toString()} and {@code OffsetDateTime.parse(text, ISO_OFFSET_DATE_TIME)}. Anything else
 * is left to {@code java.time} by the callers.
 */
public final class IsoInstants {
    /** Returned by {@link #parseUtc} for text that is not in the plain UTC form. */
    public static final long NOT_PLAIN = Long.MIN_VALUE;
    private static final long DAY = 86_400_000L;
    /** 1000-01-01T00:00:00Z and 10000-01-01T00:00:00Z: four-digit years, which Instant writes without a sign. */
    private static final long FIRST = -30_610_224_000_000L;
    private static final long END = 253_402_300_800_000L;

    private IsoInstants() {}

    /** The same text as {@code Instant.ofEpochMilli(epochMillis).toString()}. */
    public static String format(long epochMillis) {
        if (epochMillis < FIRST || epochMillis >= END) {
            return Instant.ofEpochMilli(epochMillis).toString();
        }
        long day = Math.floorDiv(epochMillis, DAY);
        int ofDay = (int) (epochMillis - day * DAY);
        LocalDate date = LocalDate.ofEpochDay(day);
        int millis = ofDay % 1000;
        int seconds = ofDay / 1000;
        char[] c = new char[millis == 0 ? 20 : 24];
        digits(c, 0, date.getYear(), 4);
        c[4] = '-';
        digits(c, 5, date.getMonthValue(), 2);
        c[7] = '-';
        digits(c, 8, date.getDayOfMonth(), 2);
        c[10] = 'T';
        digits(c, 11, seconds / 3600, 2);
        c[13] = ':';
        digits(c, 14, seconds / 60 % 60, 2);
        c[16] = ':';
        digits(c, 17, seconds % 60, 2);
        if (millis != 0) {
            c[19] = '.';
            digits(c, 20, millis, 3);
        }
        c[c.length - 1] = 'Z';
        return new String(c);
    }

    /**
     * Epoch millis of {@code yyyy-MM-ddTHH:mm:ssZ} or {@code yyyy-MM-ddTHH:mm:ss.SSSZ} when the
     * text is exactly that and a valid date and time; {@link #NOT_PLAIN} otherwise.
     */
    public static long parseUtc(String s) {
        int n = s.length();
        if ((n != 20 && n != 24) || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-'
                || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return NOT_PLAIN;
        }
        int year = number(s, 0, 4);
        int month = number(s, 5, 2);
        int day = number(s, 8, 2);
        int hour = number(s, 11, 2);
        int minute = number(s, 14, 2);
        int second = number(s, 17, 2);
        int millis = 0;
        if (n == 24) {
            if (s.charAt(19) != '.') {
                return NOT_PLAIN;
            }
            millis = number(s, 20, 3);
        }
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || millis < 0) {
            return NOT_PLAIN;
        }
        LocalDate first = LocalDate.of(year, month, 1);
        if (day > first.lengthOfMonth()) {
            return NOT_PLAIN;
        }
        long epochDay = first.toEpochDay() + day - 1;
        return epochDay * DAY + ((hour * 60L + minute) * 60 + second) * 1000 + millis;
    }

    /** The decimal number of {@code length} ASCII digits at {@code from}, or -1. */
    private static int number(String s, int from, int length) {
        int v = 0;
        for (int i = from; i < from + length; i++) {
            char ch = s.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            v = v * 10 + (ch - '0');
        }
        return v;
    }

    private static void digits(char[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
