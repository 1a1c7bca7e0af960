package dev.stockwatch.job.metrics;

import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.accumulators.Accumulator;

/**
 * An accumulator of the largest value seen per key (the replay report's waiting-list depth per
 * sku). Parallel instances merge by taking the larger value of each key, so the result is the
 * same for every parallelism.
 */
public final class LargestPerKey implements Accumulator<Map.Entry<String, Long>, TreeMap<String, Long>> {
    private static final long serialVersionUID = 1L;

    private TreeMap<String, Long> largest = new TreeMap<>();

    public void add(String key, long value) {
        largest.merge(key, value, Math::max);
    }

    @Override
    public void add(Map.Entry<String, Long> value) {
        add(value.getKey(), value.getValue());
    }

    @Override
    public TreeMap<String, Long> getLocalValue() {
        return largest;
    }

    @Override
    public void resetLocal() {
        largest = new TreeMap<>();
    }

    @Override
    public void merge(Accumulator<Map.Entry<String, Long>, TreeMap<String, Long>> other) {
        other.getLocalValue().forEach(this::add);
    }

    @Override
    public LargestPerKey clone() {
        LargestPerKey copy = new LargestPerKey();
        copy.largest = new TreeMap<>(largest);
        return copy;
    }
}
