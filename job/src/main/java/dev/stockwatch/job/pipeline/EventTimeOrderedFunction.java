package dev.stockwatch.job.pipeline;

import dev.stockwatch.job.metrics.CountGauge;
import dev.stockwatch.job.model.Sequenced;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * A keyed function that applies its inputs and its timers in event-time order; see {@link
 * EventTimeSequencer}. Subclasses implement {@link #apply} and {@link #fire}; both may schedule
 * and cancel domain timers through {@link #schedule} and {@link #cancel}, or, in a function that
 * keeps what falls due when in its own state, set its timers with {@link #scheduleOwn} and {@link
 * #cancelOwn}.
 */
public abstract class EventTimeOrderedFunction<IN extends Sequenced, OUT>
        extends KeyedProcessFunction<String, IN, OUT> implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;

    private final EventTimeSequencer<IN> sequencer;
    private final String gaugeName;

    private transient OnTimerContext currentTimerContext;
    private transient CountGauge gauge;

    /**
     * @param until the final watermark (replay {@code --until}); nothing due later is applied
     * @param gaugeName name of a gauge of how many things this instance holds (see {@link
     *     #countChange}), or null for none
     */
    protected EventTimeOrderedFunction(TypeInformation<IN> inputType, long until, String gaugeName) {
        this(inputType, until, gaugeName, false);
    }

    /**
     * @param ownTimers the function keeps what falls due when in its own state and sets its timers
     *     with {@link #scheduleOwn} and {@link #cancelOwn} only; {@link #fire} then gets {@link
     *     DomainTimer#OWN}
     */
    protected EventTimeOrderedFunction(TypeInformation<IN> inputType, long until, String gaugeName, boolean ownTimers) {
        this.sequencer = new EventTimeSequencer<>(inputType, until, ownTimers);
        this.gaugeName = gaugeName;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        sequencer.initializeState(context, getRuntimeContext());
        if (gaugeName != null) {
            gauge = new CountGauge(gaugeName);
            gauge.initialize(context);
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        sequencer.snapshotState();
        if (gauge != null) {
            gauge.snapshot(context);
        }
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        sequencer.open(getRuntimeContext());
        if (gauge != null) {
            gauge.register(getRuntimeContext().getMetricGroup());
        }
    }

    /** Applies one input; called in event-time order with {@code now} = its event time. */
    protected abstract void apply(IN input, long now, Collector<OUT> out) throws Exception;

    /** Fires one domain timer due at {@code now}. */
    protected abstract void fire(DomainTimer timer, long now, Collector<OUT> out) throws Exception;

    @Override
    public final void processElement(IN input, Context ctx, Collector<OUT> out) throws Exception {
        sequencer.buffer(ctx.getCurrentKey(), input, ctx.timerService());
    }

    @Override
    public final void onTimer(long t, OnTimerContext ctx, Collector<OUT> out) throws Exception {
        currentTimerContext = ctx;
        sequencer.onTimer(ctx.getCurrentKey(), t, ctx.timerService(), this::apply, this::fire, out, () -> currentTimerContext = null);
    }

    /** The sequencer of this function, for its operator ({@link SequencedProcessOperator}). */
    final EventTimeSequencer<IN> sequencer() {
        return sequencer;
    }

    protected final void schedule(long due, DomainTimer timer) throws Exception {
        sequencer.schedule(due, timer);
    }

    protected final void cancel(long due, DomainTimer timer) throws Exception {
        sequencer.cancel(due, timer);
    }

    /** Sets this key's timer at {@code due}: {@link #fire} gets {@link DomainTimer#OWN} then. */
    protected final void scheduleOwn(long due) {
        sequencer.scheduleOwn(due);
    }

    /** While {@link #fire} runs: up to when it may apply what falls due later at once ({@link EventTimeSequencer#ownTimersDueUpTo}). */
    protected final long ownTimersDueUpTo() {
        return sequencer.ownTimersDueUpTo();
    }

    /** Takes away this key's timer at {@code due}. */
    protected final void cancelOwn(long due) throws Exception {
        sequencer.cancelOwn(due);
    }

    /** Moves the gauge named in the constructor (waiting subscriptions, open ladders). */
    protected final void countChange(long delta) {
        gauge.add(delta);
    }

    /** How many inputs wait for the watermark in this subtask (kept on the heap, see {@link EventTimeSequencer}). */
    public final int bufferedInputs() {
        return sequencer.bufferedInputs();
    }

    /** The key of the input or timer being processed. */
    protected final String currentKey() {
        return currentTimerContext.getCurrentKey();
    }
}
