package dev.stockwatch.udfs.engagement;

import dev.stockwatch.udfs.config.StockwatchConfig;
import java.time.Duration;

/**
 * The tunable rules of the engagement function (SPEC §12, §14).
 *
 * @param softBounceLimit soft bounces in a row to one address that make it bounced
 * @param window opens and clicks within this of the latest feedback count for the preferred hour
 * @param minOpens opens and clicks needed before there is a preferred hour
 */
public record EngagementRules(int softBounceLimit, Duration window, int minOpens) {
    /** The defaults of {@code engagement.soft-bounce-limit}, {@code engagement.window}, {@code engagement.min-opens}. */
    public static final EngagementRules DEFAULTS = new EngagementRules(3, Duration.ofDays(90), 3);

    public EngagementRules {
        if (softBounceLimit < 1 || minOpens < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("engagement rules must be positive: " + softBounceLimit + ", " + window + ", " + minOpens);
        }
    }

    public static EngagementRules from(StockwatchConfig config) {
        return new EngagementRules(config.engagementSoftBounceLimit, config.engagementWindow, config.engagementMinOpens);
    }
}
