package dev.stockwatch.job.delivery;

import dev.stockwatch.job.pipeline.TimerScheduler;
import dev.stockwatch.udfs.output.Kind;
import dev.stockwatch.udfs.output.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Notifications held by quiet hours or send time (SPEC §7) until their release, when the whole
 * chain runs again. What happens meanwhile (a sell-out, an order, a cart change) is written into
 * them, so the release knows whether they still apply.
 */
final class HeldNotifications {
    private final TimerScheduler timers;
    /** Hold id ({@link DecisionRef#ref()}) → the held notification. */
    private final MapState<String, Candidate> held;

    HeldNotifications(RuntimeContext context, TimerScheduler timers) {
        this.timers = timers;
        held = context.getMapState(new MapStateDescriptor<>("held", Types.STRING, TypeInformation.of(Candidate.class)));
    }

    void hold(Candidate c, String notificationId, long now, long until) throws Exception {
        String holdId = DecisionRef.hold(now, heldSince(now), notificationId).ref();
        held.put(holdId, c.withHoldId(holdId));
        timers.schedule(until, DeliveryTimer.DECISION.at(holdId));
    }

    /** The held notification of {@code holdId}, no longer held; null if there is none. */
    Candidate release(String holdId) throws Exception {
        Candidate due = held.get(holdId);
        held.remove(holdId);
        return due;
    }

    /** Applies {@code change} to every held notification of {@code kind} (null: of every kind). */
    void update(Kind kind, UnaryOperator<Candidate> change) throws Exception {
        List<Map.Entry<String, Candidate>> changed = new ArrayList<>();
        for (Map.Entry<String, Candidate> e : held.entries()) {
            if (kind == null || e.getValue().kind() == kind) {
                Candidate after = change.apply(e.getValue());
                if (!after.equals(e.getValue())) {
                    changed.add(Map.entry(e.getKey(), after));
                }
            }
        }
        for (Map.Entry<String, Candidate> e : changed) {
            held.put(e.getKey(), e.getValue());
        }
    }

    void cancelCartSteps(Reason reason) throws Exception {
        update(Kind.ABANDONED_CART, c -> c.cancel(reason));
    }

    /** How many notifications held now were held at {@code now} already. */
    private int heldSince(long now) throws Exception {
        int n = 0;
        for (String key : held.keys()) {
            if (DecisionRef.parse(key).createdAt() == now) {
                n++;
            }
        }
        return n;
    }
}
