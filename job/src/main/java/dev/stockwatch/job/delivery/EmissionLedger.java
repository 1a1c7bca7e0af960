package dev.stockwatch.job.delivery;

import dev.stockwatch.job.pipeline.TimerScheduler;
import dev.stockwatch.udfs.domain.FrequencyCap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * What a customer was sent, for the frequency cap (emission times within {@code cap.window}) and
 * dedupe (notificationIds within {@code dedupe.retention} of their first emission) (SPEC §7).
 */
final class EmissionLedger {
    private final long capWindow;
    private final long dedupeRetention;
    private final TimerScheduler timers;
    private final ValueState<List<Long>> emittedAt;
    /** notificationId → when it was first emitted; forgotten {@code dedupe.retention} later. */
    private final MapState<String, Long> emittedIds;

    EmissionLedger(RuntimeContext context, long capWindow, long dedupeRetention, TimerScheduler timers) {
        this.capWindow = capWindow;
        this.dedupeRetention = dedupeRetention;
        this.timers = timers;
        emittedAt = context.getState(new ValueStateDescriptor<>("emitted-at", Types.LIST(Types.LONG)));
        emittedIds = context.getMapState(new MapStateDescriptor<>("emitted-ids", Types.STRING, Types.LONG));
    }

    /** Emission times in (now − cap.window, now]; older ones are dropped from state. */
    List<Long> recent(long now) throws Exception {
        List<Long> all = emittedAt.value();
        if (all == null) {
            return List.of();
        }
        List<Long> recent = FrequencyCap.prune(all, now, capWindow);
        if (recent.size() != all.size()) {
            if (recent.isEmpty()) {
                emittedAt.clear();
            } else {
                emittedAt.update(new ArrayList<>(recent));
            }
        }
        return recent;
    }

    /** SPEC §7: an id counts as emitted for {@code dedupe.retention} after its first emission. */
    boolean emittedWithinRetention(String id, long now) throws Exception {
        Long first = emittedIds.get(id);
        return first != null && first > now - dedupeRetention;
    }

    void record(String id, List<Long> recent, long now) throws Exception {
        List<Long> updated = new ArrayList<>(recent);
        updated.add(now);
        emittedAt.update(updated);
        timers.schedule(now + capWindow, DeliveryTimer.FORGET_OLD_EMISSIONS.at(""));
        emittedIds.put(id, now);
        timers.schedule(now + dedupeRetention, DeliveryTimer.FORGET_OLD_IDS.at(""));
    }

    void forgetOldEmissions(long now) throws Exception {
        recent(now);
    }

    void forgetOldIds(long now) throws Exception {
        List<String> old = new ArrayList<>();
        for (Map.Entry<String, Long> e : emittedIds.entries()) {
            if (e.getValue() <= now - dedupeRetention) {
                old.add(e.getKey());
            }
        }
        for (String id : old) {
            emittedIds.remove(id);
        }
    }
}
