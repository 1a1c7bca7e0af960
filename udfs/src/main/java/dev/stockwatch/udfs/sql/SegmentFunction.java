package dev.stockwatch.udfs.sql;

import dev.stockwatch.udfs.config.StockwatchConfig;
import dev.stockwatch.udfs.domain.Rfm;
import dev.stockwatch.udfs.domain.SegmentRule;
import dev.stockwatch.udfs.domain.Segments;
import java.util.List;

/**
 * {@code SW_SEGMENT(frequency, recencyDays, monetary [, profileSegment])}: the customer's segment
 * (SPEC §8) from F (orders in the last 365 days), R (whole days since the latest of them; NULL or
 * any value when F = 0) and M (their total value), by the job's {@code segment.rules}, first match
 * wins; a non-empty profile segment overrides them, as in the job.
 */
public class SegmentFunction extends ConfiguredFunction {
    private static final long serialVersionUID = 1L;

    private transient List<SegmentRule> rules;

    @Override
    protected void configure(StockwatchConfig config) {
        rules = config.segmentRules;
    }

    public String eval(Integer frequency, Long recencyDays, Double monetary) {
        return eval(frequency, recencyDays, monetary, null);
    }

    public String eval(Integer frequency, Long recencyDays, Double monetary, String profileSegment) {
        ensureConfigured();
        int f = frequency == null ? 0 : frequency;
        long r = f == 0 || recencyDays == null ? Long.MAX_VALUE : recencyDays;
        return Segments.segment(profileSegment, new Rfm(r, f, monetary == null ? 0.0 : monetary), rules);
    }
}
