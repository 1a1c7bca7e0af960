package dev.stockwatch.job.pipeline;

import dev.stockwatch.job.metrics.CountGauge;
import dev.stockwatch.job.model.Sequenced;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * A keyed function that applies its inputs and its timers in event-time order (SPEC §9),
 * whatever order they arrive in.
 *
 * <p>An input is buffered until the watermark passes its event time; then all inputs of that
 * instant are applied in {@link dev.stockwatch.udfs.event.OrderKey} order (topic rank, then input
 * order), and after them the domain timers due at that instant. A domain timer due at 12:30 thus
 * fires before an input stamped 12:40 is applied, and at the same instant inputs come first.
 * Nothing due after {@code until} (the final watermark of a replay) is applied.
 *
 * <p>Subclasses implement {@link #apply} and {@link #fire}; both may schedule and cancel domain
 * timers through {@link #schedule} and {@link #cancel}.
 */
public abstract class EventTimeOrderedFunction<IN extends Sequenced, OUT>
        extends KeyedProcessFunction<String, IN, OUT> implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;
    private static final Comparator<Sequenced> INPUT_ORDER = Comparator.comparing(Sequenced::key).thenComparing(Sequenced::tieBreak);

    private final TypeInformation<IN> inputType;
    private final long until;
    private final String gaugeName;

    private transient MapState<Long, List<IN>> pending;
    private transient MapState<Long, List<DomainTimer>> timers;
    private transient long firing = Long.MIN_VALUE;
    private transient OnTimerContext currentTimerContext;
    private transient CountGauge gauge;

    /**
     * @param gaugeName name of a gauge of how many things this instance holds (see {@link
     *     #countChange}), or null for none
     */
    protected EventTimeOrderedFunction(TypeInformation<IN> inputType, long until, String gaugeName) {
        this.inputType = inputType;
        this.until = until;
        this.gaugeName = gaugeName;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        if (gaugeName != null) {
            gauge = new CountGauge(gaugeName);
            gauge.initialize(context);
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        if (gauge != null) {
            gauge.snapshot(context);
        }
    }

    /** Moves the gauge named in the constructor (waiting subscriptions, open ladders). */
    protected final void countChange(long delta) {
        gauge.add(delta);
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        pending = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("pending-inputs", Types.LONG, Types.LIST(inputType)));
        timers = getRuntimeContext().getMapState(new MapStateDescriptor<>(
                "domain-timers", Types.LONG, Types.LIST(TypeInformation.of(DomainTimer.class))));
        if (gauge != null) {
            gauge.register(getRuntimeContext().getMetricGroup());
        }
    }

    /** Applies one input; called in event-time order. {@code ctx.timestamp()} is not meaningful here. */
    protected abstract void apply(IN input, long now, Collector<OUT> out) throws Exception;

    /** Fires one domain timer due at {@code now}. */
    protected abstract void fire(DomainTimer timer, long now, Collector<OUT> out) throws Exception;

    @Override
    public final void processElement(IN input, Context ctx, Collector<OUT> out) throws Exception {
        long at = input.key().at();
        if (at > until) {
            return;
        }
        List<IN> atThatTime = pending.get(at);
        if (atThatTime == null) {
            atThatTime = new ArrayList<>(1);
        }
        atThatTime.add(input);
        pending.put(at, atThatTime);
        ctx.timerService().registerEventTimeTimer(at);
    }

    @Override
    public final void onTimer(long t, OnTimerContext ctx, Collector<OUT> out) throws Exception {
        currentTimerContext = ctx;
        firing = t;
        try {
            List<IN> inputs = pending.get(t);
            if (inputs != null) {
                pending.remove(t);
                inputs.sort(INPUT_ORDER);
                for (IN input : inputs) {
                    apply(input, t, out);
                }
            }
            List<DomainTimer> due;
            while ((due = timers.get(t)) != null) {
                timers.remove(t);
                if (t > until) {
                    continue;
                }
                due.sort(DomainTimer.FIRING_ORDER);
                for (DomainTimer timer : due) {
                    fire(timer, t, out);
                }
            }
        } finally {
            firing = Long.MIN_VALUE;
            currentTimerContext = null;
        }
    }

    /** Schedules a domain timer; one due at the instant being processed fires after the current work. */
    protected final void schedule(long due, DomainTimer timer) throws Exception {
        List<DomainTimer> atDue = timers.get(due);
        if (atDue == null) {
            atDue = new ArrayList<>(1);
        }
        if (atDue.contains(timer)) {
            return;
        }
        atDue.add(timer);
        timers.put(due, atDue);
        if (due != firing) {
            currentTimerContext.timerService().registerEventTimeTimer(due);
        }
    }

    /** Cancels a domain timer; when nothing else is due at that instant its Flink timer goes too. */
    protected final void cancel(long due, DomainTimer timer) throws Exception {
        List<DomainTimer> atDue = timers.get(due);
        if (atDue == null || !atDue.remove(timer)) {
            return;
        }
        if (atDue.isEmpty()) {
            timers.remove(due);
            if (due != firing && !pending.contains(due)) {
                currentTimerContext.timerService().deleteEventTimeTimer(due);
            }
        } else {
            timers.put(due, atDue);
        }
    }

    /** The key of the element or timer being processed. */
    protected final String currentKey() {
        return currentTimerContext.getCurrentKey();
    }

    protected final OnTimerContext context() {
        return currentTimerContext;
    }
}
