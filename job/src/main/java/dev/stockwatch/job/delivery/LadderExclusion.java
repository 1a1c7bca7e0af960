package dev.stockwatch.job.delivery;

import dev.stockwatch.job.pipeline.TimerScheduler;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * A ladder that ended when its customer was excluded as a champion (SPEC §6: one
 * segment_excluded, and the ladder ends): its later steps are dropped until its last step is past.
 */
final class LadderExclusion {
    private final long lastCartStep;
    private final TimerScheduler timers;
    /** The last activity of the excluded ladder. */
    private final ValueState<Long> excludedLadder;

    LadderExclusion(RuntimeContext context, long lastCartStep, TimerScheduler timers) {
        this.lastCartStep = lastCartStep;
        this.timers = timers;
        excludedLadder = context.getState(new ValueStateDescriptor<>("excluded-ladder", Types.LONG));
    }

    void exclude(long lastActivityAt) throws Exception {
        excludedLadder.update(lastActivityAt);
        timers.schedule(lastActivityAt + lastCartStep, DeliveryTimer.FORGET_EXCLUSION.at(""));
    }

    /** Whether a step of the ladder started by {@code lastActivityAt} belongs to the excluded ladder. */
    boolean excludes(long lastActivityAt) throws Exception {
        Long excluded = excludedLadder.value();
        if (excluded == null) {
            return false;
        }
        if (excluded == lastActivityAt) {
            return true;
        }
        excludedLadder.clear(); // a new ladder: the excluded one is over
        return false;
    }

    void forget(long now) throws Exception {
        Long excluded = excludedLadder.value();
        if (excluded != null && excluded + lastCartStep <= now) {
            excludedLadder.clear();
        }
    }
}
