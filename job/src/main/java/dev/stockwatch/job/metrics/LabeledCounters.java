package dev.stockwatch.job.metrics;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Counters under {@code stockwatch.<name>} labeled by key/value groups (labels in Prometheus), made
 * on first use: e.g. {@code notifications{kind=back_in_stock, channel=email}}.
 */
public final class LabeledCounters {
    private final MetricGroup group;
    private final String[] labelNames;
    private final Map<String, Counter> counters = new HashMap<>();

    public LabeledCounters(MetricGroup operatorGroup, String name, String... labelNames) {
        this.group = operatorGroup.addGroup("stockwatch").addGroup(name);
        this.labelNames = labelNames;
    }

    public void inc(String... labelValues) {
        counters.computeIfAbsent(String.join("\u0000", labelValues), k -> labeled(group, labelNames, labelValues).counter("count"))
                .inc();
    }

    /** The group of one combination of label values below {@code group}. */
    static MetricGroup labeled(MetricGroup group, String[] labelNames, String[] labelValues) {
        MetricGroup g = group;
        for (int i = 0; i < labelNames.length; i++) {
            g = g.addGroup(labelNames[i], labelValues[i]);
        }
        return g;
    }
}
