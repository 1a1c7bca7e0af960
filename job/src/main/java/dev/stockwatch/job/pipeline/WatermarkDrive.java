package dev.stockwatch.job.pipeline;

import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimeServiceManager;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.TimerHeapInternalTimer;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.api.watermark.Watermark;

/**
 * What a sequenced operator does with a watermark before Flink's timers see it: for each instant
 * up to the watermark at which inputs wait, in ascending event time, the Flink timers due before
 * that instant fire, then the operator fires the instant for each key with inputs there, as a
 * timer of that key would (see {@link EventTimeSequencer}). So no input needs a timer of its own.
 */
final class WatermarkDrive implements EventTimeSequencer.DueInstant {
    private final InternalTimeServiceManager<?> timers;
    private final AbstractStreamOperator<?> operator;
    private final Triggerable<String, VoidNamespace> keyedTimers;
    private final EventTimeSequencer<?> sequencer;
    /** How far this drive has moved the operator's timers; never backwards. */
    private long timersAt = Long.MIN_VALUE;

    <O extends AbstractStreamOperator<?> & Triggerable<String, VoidNamespace>> WatermarkDrive(
            InternalTimeServiceManager<?> timers, O operator, EventTimeSequencer<?> sequencer) throws Exception {
        this.timers = timers;
        this.sequencer = sequencer;
        this.operator = operator;
        this.keyedTimers = operator;
        logAKeyedChange(operator);
        sequencer.forgetEarlierDomainTimers(operator.getKeyedStateBackend());
    }

    /**
     * Registers and deletes a timer of a key of this subtask's key groups, so that the keyed state
     * logs a change as soon as the operator opens. On Flink's changelog a subtask whose keyed state
     * logs nothing is never materialized: its checkpoints keep the snapshot it was restored from,
     * and a canonical savepoint's part next to another subtask's materialized state cannot be
     * restored at another parallelism (Flink restores all parts in the format of the first:
     * "Unexpected key-group in restore"). Inputs no longer register timers, so a subtask whose inputs
     * change no state would log nothing otherwise.
     */
    private static <O extends AbstractStreamOperator<?> & Triggerable<String, VoidNamespace>> void logAKeyedChange(O operator) {
        TaskInfo task = operator.getRuntimeContext().getTaskInfo();
        String key;
        int i = 0;
        do {
            key = "\u0000open-" + i++;
        } while (KeyGroupRangeAssignment.assignKeyToParallelOperator(key, task.getMaxNumberOfParallelSubtasks(),
                task.getNumberOfParallelSubtasks()) != task.getIndexOfThisSubtask());
        InternalTimerService<VoidNamespace> timers = operator.getInternalTimerService("user-timers", VoidNamespaceSerializer.INSTANCE, operator);
        operator.setCurrentKey(key);
        timers.registerEventTimeTimer(VoidNamespace.INSTANCE, Long.MAX_VALUE);
        timers.deleteEventTimeTimer(VoidNamespace.INSTANCE, Long.MAX_VALUE);
    }

    /** Applies what waits up to {@code mark}; the operator then hands {@code mark} to Flink's timers. */
    void beforeWatermark(Watermark mark) throws Exception {
        sequencer.applyDue(mark.getTimestamp(), this);
        timersAt = Math.max(timersAt, mark.getTimestamp());
    }

    @Override
    public void timersBefore(long at) throws Exception {
        if (at - 1 > timersAt) { // else a late input (the watermark had passed it): applied now, timers never go back
            timersAt = at - 1;
            timers.advanceWatermark(new Watermark(timersAt));
        }
    }

    @Override
    public void fire(String key, long at) throws Exception {
        operator.setCurrentKey(key);
        keyedTimers.onEventTime(new TimerHeapInternalTimer<>(at, key, VoidNamespace.INSTANCE));
    }
}
