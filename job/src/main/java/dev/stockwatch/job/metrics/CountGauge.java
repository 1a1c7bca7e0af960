package dev.stockwatch.job.metrics;

import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;

/**
 * A gauge of how many things (waiting subscriptions, open ladders) a parallel instance holds. The
 * count travels in operator state, so it survives restarts, and the sum over instances survives
 * rescaling.
 */
public final class CountGauge {
    private final String name;
    private long value;
    private transient ListState<Long> state;

    public CountGauge(String name) {
        this.name = name;
    }

    public void register(MetricGroup operatorGroup) {
        operatorGroup.addGroup("stockwatch").gauge(name, (Gauge<Long>) () -> value);
    }

    public void add(long delta) {
        value += delta;
    }

    public void initialize(FunctionInitializationContext context) throws Exception {
        state = context.getOperatorStateStore().getListState(new ListStateDescriptor<>(name + "-count", Types.LONG));
        value = 0;
        for (Long v : state.get()) {
            value += v;
        }
    }

    public void snapshot(FunctionSnapshotContext context) throws Exception {
        state.update(java.util.List.of(value));
    }
}
