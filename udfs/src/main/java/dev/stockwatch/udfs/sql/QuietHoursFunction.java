package dev.stockwatch.udfs.sql;

import dev.stockwatch.udfs.config.StockwatchConfig;
import dev.stockwatch.udfs.domain.Channel;
import dev.stockwatch.udfs.domain.QuietHours;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * {@code SW_QUIET_HOURS(channel, timezone, at)}: whether a message on {@code channel} to a customer
 * in {@code timezone} (IANA, NULL = UTC) at {@code at} falls in quiet hours (SPEC §7), with the
 * job's {@code quiet-hours.start}, {@code .end} and {@code .channels}: always false for a channel
 * not held in quiet hours (email by default). {@code at} is a {@code TIMESTAMP_LTZ} or an ISO-8601
 * instant as the outputs write it; NULL when any argument is NULL or not valid.
 */
public class QuietHoursFunction extends ConfiguredFunction {
    private static final long serialVersionUID = 1L;

    private transient QuietHours quietHours;

    @Override
    protected void configure(StockwatchConfig config) {
        quietHours = new QuietHours(config.quietHoursStart, config.quietHoursEnd, config.quietHoursChannels);
    }

    public Boolean eval(String channel, String timezone, Instant at) {
        ensureConfigured();
        if (channel == null || at == null) {
            return null;
        }
        try {
            Channel c = Channel.fromId(channel);
            return quietHours.appliesTo(c) && quietHours.isQuiet(at.toEpochMilli(), timezone == null ? "UTC" : timezone);
        } catch (RuntimeException e) { // an unknown channel or time zone
            return null;
        }
    }

    public Boolean eval(String channel, String timezone, String at) {
        if (at == null) {
            return null;
        }
        try {
            return eval(channel, timezone, OffsetDateTime.parse(at).toInstant());
        } catch (RuntimeException e) {
            return null;
        }
    }
}
