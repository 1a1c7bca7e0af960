package dev.stockwatch.udfs.engagement;

import java.util.ArrayList;
import java.util.List;

/**
 * The instants of a customer's opens and clicks within the window of the latest feedback, and
 * the preferred hour they give: the UTC hour with the most of them (ties: the earliest hour),
 * once there are at least {@code minOpens}.
 */
final class OpenHours {
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;

    /** Epoch milliseconds, in the order they arrived. */
    private final List<Long> opens;

    OpenHours() {
        this(new ArrayList<>());
    }

    OpenHours(List<Long> opens) {
        this.opens = new ArrayList<>(opens);
    }

    void add(long at) {
        opens.add(at);
    }

    /** Forgets what lies more than {@code windowMillis} before {@code latest}. */
    void expire(long latest, long windowMillis) {
        long oldest = latest - windowMillis;
        opens.removeIf(at -> at <= oldest);
    }

    Integer preferredHour(int minOpens) {
        if (opens.size() < minOpens) {
            return null;
        }
        int[] perHour = new int[24];
        for (long at : opens) {
            perHour[(int) (Math.floorMod(at, DAY) / HOUR)]++;
        }
        int best = 0;
        for (int hour = 1; hour < 24; hour++) {
            if (perHour[hour] > perHour[best]) {
                best = hour;
            }
        }
        return best;
    }

    List<Long> instants() {
        return List.copyOf(opens);
    }
}
