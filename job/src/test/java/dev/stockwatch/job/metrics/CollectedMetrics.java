package dev.stockwatch.job.metrics;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * The job's metrics as a metrics reporter (Prometheus, the web UI) sees them, for tests and the
 * bench, which run the job in their own JVM: a reporter keeps every metric the cluster registers,
 * with its full identifier, also after the job ends.
 */
public final class CollectedMetrics {
    private static final List<Map.Entry<String, Metric>> METRICS = new CopyOnWriteArrayList<>();

    private CollectedMetrics() {}

    /** The Flink settings that install the reporter on a MiniCluster or local environment. */
    public static Configuration reporterConfig() {
        Configuration conf = new Configuration();
        conf.setString("metrics.reporter.collect.factory.class", Reporter.Factory.class.getName());
        return conf;
    }

    /** Forgets the metrics of earlier jobs. */
    public static void clear() {
        METRICS.clear();
    }

    /** The sum over subtasks of the counters whose identifier holds {@code stockwatch.<part>}. */
    public static long count(String part) {
        return metrics(".stockwatch." + part, Counter.class).stream().mapToLong(Counter::getCount).sum();
    }

    /** The sum over subtasks of the gauges whose identifier ends with {@code suffix}. */
    public static long gauge(String suffix) {
        return metrics(suffix, Gauge.class).stream().mapToLong(g -> ((Number) g.getValue()).longValue()).sum();
    }

    public static <M extends Metric> List<M> metrics(String part, Class<M> type) {
        return METRICS.stream().filter(e -> e.getKey().contains(part) && type.isInstance(e.getValue()))
                .map(e -> type.cast(e.getValue())).toList();
    }

    /** Keeps what the cluster registers. */
    public static final class Reporter implements MetricReporter {
        @Override
        public void open(MetricConfig config) {}

        @Override
        public void close() {}

        @Override
        public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
            METRICS.add(Map.entry(group.getMetricIdentifier(name), metric));
        }

        @Override
        public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {}

        /** Loaded by the cluster from {@code metrics.reporter.collect.factory.class}. */
        public static final class Factory implements MetricReporterFactory {
            @Override
            public MetricReporter createMetricReporter(Properties properties) {
                return new Reporter();
            }
        }
    }
}
