package dev.stockwatch.job.pipeline;

import dev.stockwatch.job.model.Sequenced;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.util.Collector;

/**
 * Applies a keyed operator's inputs and domain timers in event-time order (SPEC §9), whatever
 * order they arrive in.
 *
 * <p>An input is buffered until the watermark passes its event time; then all inputs of that
 * instant are applied in {@link dev.stockwatch.udfs.event.OrderKey} order (topic rank, then input
 * order), and after them the domain timers due at that instant. A domain timer due at 12:30 thus
 * fires before an input stamped 12:40 is applied, and at the same instant inputs come first.
 * Nothing due after {@code until} (the final watermark of a replay) is applied.
 *
 * <p>Waiting inputs are kept in memory ({@link BufferedInputs}), not in the keyed state backend:
 * they live only until the watermark passes them, and on RocksDB a keyed map written and deleted
 * for every input costs more than everything else the operator does. Nor does each get a Flink
 * timer: the operator ({@link SequencedProcessOperator}, {@link SequencedBroadcastOperator}) hands
 * every watermark to {@link #applyDue} first, which takes the waiting instants in ascending order
 * and, for each, lets the Flink timers due before it fire, then applies its inputs (and the domain
 * timers of the same key and instant) as if a timer had fired there. Checkpoints carry the waiting
 * inputs as operator state, and a restore hands each subtask the inputs of its own key groups.
 */
public final class EventTimeSequencer<IN extends Sequenced> implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The final event time of a live run: nothing is cut off. */
    public static final long NO_END = Long.MAX_VALUE;

    /** What the operator does with an input and with a domain timer, in event-time order. */
    public interface Handler<IN> {
        void apply(IN input, long now) throws Exception;

        void fire(DomainTimer timer, long now) throws Exception;
    }

    /** What a handler does with one input or one timer at its instant. */
    public interface AtInstant<T> {
        void accept(T value, long now) throws Exception;
    }

    /** What an operator does with one input or one timer at its instant, emitting to {@code out}. */
    public interface Emitting<T, OUT> {
        void accept(T value, long now, Collector<OUT> out) throws Exception;
    }

    /** What the operator does for an instant at which a key has inputs waiting. */
    public interface DueInstant {
        /** Lets the Flink timers due before {@code at} fire. */
        void timersBefore(long at) throws Exception;

        /** Fires instant {@code at} for {@code key} as its Flink timer would (which reaches {@link #onTimer}). */
        void fire(String key, long at) throws Exception;
    }

    /** A handler made of what it does with an input and with a timer. */
    public static <IN> Handler<IN> handler(AtInstant<IN> apply, AtInstant<DomainTimer> fire) {
        return new Handler<>() {
            @Override
            public void apply(IN input, long now) throws Exception {
                apply.accept(input, now);
            }

            @Override
            public void fire(DomainTimer timer, long now) throws Exception {
                fire.accept(timer, now);
            }
        };
    }

    /** The map state of the domain timers, instant by instant. */
    static MapStateDescriptor<Long, List<DomainTimer>> domainTimers() {
        return new MapStateDescriptor<>("domain-timers", Types.LONG, Types.LIST(TypeInformation.of(DomainTimer.class)));
    }

    private final TypeInformation<IN> inputType;
    private final long until;
    /** Whether the function knows from its own state what falls due when (see {@link #scheduleOwn}). */
    private final boolean ownTimers;

    private transient BufferedInputs<IN> pending;
    private transient MapState<Long, List<DomainTimer>> timers;
    private transient long firing = Long.MIN_VALUE;
    /** Whether {@link #applyDue} is firing instants for their inputs (not Flink timers). */
    private transient boolean applyingInputs;
    /** Whether a domain timer was scheduled at the instant being fired, which then fires in that call. */
    private transient boolean scheduledAtFiring;
    private transient TimerService timerService;
    private transient Counter lateInputs;
    /** The watermark being applied (never after {@code until}). */
    private transient long applyingUpTo = Long.MIN_VALUE;

    public EventTimeSequencer(TypeInformation<IN> inputType, long until) {
        this(inputType, until, false);
    }

    /**
     * @param ownTimers the function keeps what falls due when in its own state, and sets its timers
     *     with {@link #scheduleOwn} and {@link #cancelOwn} only
     */
    public EventTimeSequencer(TypeInformation<IN> inputType, long until, boolean ownTimers) {
        this.inputType = inputType;
        this.until = until;
        this.ownTimers = ownTimers;
    }

    /**
     * For a function that keeps its timers in its own state: clears the domain-timer map an earlier
     * version kept for it (the cart ladder's), restored from a savepoint. Their Flink timers were
     * restored and fire as before; the function finds in its state what is due. Call when the
     * operator opens.
     */
    void forgetEarlierDomainTimers(KeyedStateBackend<String> backend) throws Exception {
        if (ownTimers) {
            RestoredKeys.forEachKey(backend, domainTimers(), MapState::clear);
        }
    }

    /** Restores the waiting inputs of this subtask's key groups; call from {@code initializeState}. */
    public void initializeState(FunctionInitializationContext context, RuntimeContext runtime) throws Exception {
        pending = BufferedInputs.restore(context, runtime, inputType);
    }

    /** Writes the waiting inputs into the checkpoint; call from {@code snapshotState}. */
    public void snapshotState() throws Exception {
        pending.snapshot();
    }

    /** How many inputs wait for the watermark in this subtask. */
    public int bufferedInputs() {
        return pending.size();
    }

    public void open(RuntimeContext state) {
        pending.openLegacy(state);
        if (!ownTimers) {
            timers = state.getMapState(domainTimers());
        }
        var metrics = state.getMetricGroup().addGroup("stockwatch");
        lateInputs = metrics.counter("lateInputs");
        metrics.gauge("bufferedInputs", (Gauge<Integer>) pending::size);
    }

    /**
     * Buffers an input until the watermark passes it. An input the watermark has already passed
     * (live mode: later than {@code input.max-delay}) is applied with the next watermark, after
     * what was already applied, and counted in the {@code stockwatch.lateInputs} metric.
     */
    public void buffer(String key, IN input, TimerService timerService) throws Exception {
        long at = input.key().at();
        if (at > until) {
            return;
        }
        if (at <= timerService.currentWatermark()) {
            lateInputs.inc();
        }
        pending.add(key, at, input);
    }

    /**
     * Before the watermark {@code watermark} passes: for every key and instant up to it with inputs
     * waiting, in ascending event time, {@code due} lets the Flink timers due before that instant
     * fire and then fires the instant for that key (which reaches {@link #onTimer}).
     */
    public void applyDue(long watermark, DueInstant due) throws Exception {
        long upTo = Math.min(watermark, until);
        applyingUpTo = Math.max(applyingUpTo, upTo);
        pending.takeDue(upTo, (key, at) -> {
            due.timersBefore(at);
            applyingInputs = true;
            try {
                due.fire(key, at);
            } finally {
                applyingInputs = false;
            }
        });
    }

    /**
     * {@link #onTimer(String, long, TimerService, Handler)} for an operator's {@code apply} and {@code fire}
     * emitting to {@code out}; {@code after} runs once they are done, whatever happened.
     */
    public <OUT> void onTimer(String key, long t, TimerService timerService, Emitting<IN, OUT> apply, Emitting<DomainTimer, OUT> fire,
            Collector<OUT> out, Runnable after) throws Exception {
        try {
            onTimer(key, t, timerService, handler((input, now) -> apply.accept(input, now, out), (timer, now) -> fire.accept(timer, now, out)));
        } finally {
            after.run();
        }
    }

    /**
     * Applies the inputs of instant {@code t}, then fires the domain timers due at {@code t}. When
     * {@link #applyDue} fires the instant for its inputs, the domain timers that were due at {@code
     * t} already have their Flink timer, which fires right after (before anything later of this
     * key), so only those the inputs scheduled at {@code t} fire here: most inputs schedule none,
     * and then no timer is looked up.
     */
    public void onTimer(String key, long t, TimerService timerService, Handler<IN> handler) throws Exception {
        this.timerService = timerService;
        firing = t;
        scheduledAtFiring = false;
        try {
            List<IN> inputs = pending.remove(key, t);
            if (inputs != null) {
                inputs.sort(Sequenced.ORDER);
                for (IN input : inputs) {
                    handler.apply(input, t);
                }
            }
            if (applyingInputs && !scheduledAtFiring) {
                return;
            }
            if (ownTimers) {
                // the function knows from its state what is due at t, and what it scheduled there
                do {
                    scheduledAtFiring = false;
                    if (t <= until) {
                        handler.fire(DomainTimer.OWN, t);
                    }
                } while (scheduledAtFiring);
                return;
            }
            // the timers due at t, then those they schedule at t, until none is scheduled there
            do {
                scheduledAtFiring = false;
                List<DomainTimer> due = timers.get(t);
                if (due == null) {
                    break;
                }
                timers.remove(t);
                if (t > until) {
                    continue;
                }
                due.sort(DomainTimer.FIRING_ORDER);
                for (DomainTimer timer : due) {
                    handler.fire(timer, t);
                }
            } while (scheduledAtFiring);
        } finally {
            firing = Long.MIN_VALUE;
            this.timerService = null;
        }
    }

    /** Schedules a domain timer; one due at the instant being processed fires after the current work. */
    public void schedule(long due, DomainTimer timer) throws Exception {
        requireDomainTimers();
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
            timerService.registerEventTimeTimer(due);
        } else {
            scheduledAtFiring = true;
        }
    }

    /** Cancels a domain timer; when nothing else is due at that instant its Flink timer goes too. */
    public void cancel(long due, DomainTimer timer) throws Exception {
        requireDomainTimers();
        List<DomainTimer> atDue = timers.get(due);
        if (atDue == null || !atDue.remove(timer)) {
            return;
        }
        if (atDue.isEmpty()) {
            timers.remove(due);
            if (due != firing && !pending.legacyWaitsAt(due)) {
                timerService.deleteEventTimeTimer(due);
            }
        } else {
            timers.put(due, atDue);
        }
    }

    /**
     * Sets the key's timer at {@code due} for a function that keeps its timers in its own state:
     * at {@code due} it gets {@link DomainTimer#OWN} once, and finds in its state what is due then.
     * One due at the instant being processed fires after the current work. On RocksDB this saves the
     * domain-timer map's lookup and write at each schedule, cancel and firing.
     */
    public void scheduleOwn(long due) {
        requireOwnTimers();
        if (due != firing) {
            timerService.registerEventTimeTimer(due);
        } else {
            scheduledAtFiring = true;
        }
    }

    /**
     * For a function that keeps its own timers, while it fires at an instant: up to which instant it
     * may apply, in this one call, what falls due for the key later, as its timers would one by one.
     * That is the watermark being applied, but never past an instant at which an input of any key
     * waits (the key could have one there), and only the instant itself while its inputs are being
     * applied. So a watermark that passes several steps of a key (the end of a
     * replay, a job catching up) costs one timer, one read and one write of that key, not one each
     * per step. What a step emits carries its own event time, as it would from its own timer.
     */
    public long ownTimersDueUpTo() {
        requireOwnTimers();
        if (firing == Long.MIN_VALUE) {
            throw new IllegalStateException("only while a timer fires");
        }
        if (applyingInputs) {
            return firing;
        }
        return Math.max(firing, Math.min(applyingUpTo, pending.noneWaitsBefore()));
    }

    /** Takes away the key's timer at {@code due} that {@link #scheduleOwn} set. */
    public void cancelOwn(long due) throws Exception {
        requireOwnTimers();
        if (due != firing && !pending.legacyWaitsAt(due)) {
            timerService.deleteEventTimeTimer(due);
        }
    }

    private void requireOwnTimers() {
        if (!ownTimers) {
            throw new IllegalStateException("this function's domain timers are kept by the sequencer: use schedule and cancel");
        }
    }

    private void requireDomainTimers() {
        if (ownTimers) {
            throw new IllegalStateException("this function keeps its own timers: use scheduleOwn and cancelOwn");
        }
    }
}
