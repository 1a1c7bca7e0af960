package dev.stockwatch.job.metrics;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/**
 * Running sums of amounts (revenue) under {@code stockwatch.<name>} labeled like {@link
 * LabeledCounters}, each a gauge named {@code sum} of this operator instance, made on first use.
 */
public final class LabeledSums {
    private final MetricGroup group;
    private final String[] labelNames;
    private final Map<String, double[]> sums = new HashMap<>();

    public LabeledSums(MetricGroup operatorGroup, String name, String... labelNames) {
        this.group = operatorGroup.addGroup("stockwatch").addGroup(name);
        this.labelNames = labelNames;
    }

    public void add(double amount, String... labelValues) {
        sums.computeIfAbsent(String.join("\u0000", labelValues), k -> {
            double[] sum = new double[1];
            LabeledCounters.labeled(group, labelNames, labelValues).gauge("sum", (Gauge<Double>) () -> sum[0]);
            return sum;
        })[0] += amount;
    }
}
