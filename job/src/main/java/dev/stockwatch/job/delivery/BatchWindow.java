package dev.stockwatch.job.delivery;

import dev.stockwatch.job.pipeline.TimerScheduler;
import dev.stockwatch.udfs.output.Kind;
import dev.stockwatch.udfs.output.Reason;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * A customer's back-in-stock releases from t0 to t0 + {@code notify.batch-window}, decided
 * together at its end (SPEC §4). Sell-outs and orders meanwhile drop their skus.
 */
final class BatchWindow {
    private final long window;
    private final TimerScheduler timers;
    private final ValueState<Candidate> batch;

    BatchWindow(RuntimeContext context, long window, TimerScheduler timers) {
        this.window = window;
        this.timers = timers;
        batch = context.getState(new ValueStateDescriptor<>("batch", TypeInformation.of(Candidate.class)));
    }

    void add(PendingItem item, long now) throws Exception {
        Candidate open = batch.value();
        if (open == null) {
            batch.update(Candidate.of(Kind.BACK_IN_STOCK, List.of(item), now));
            timers.schedule(now + window, DeliveryTimer.DECISION.at(DecisionRef.batch(now).ref()));
        } else {
            batch.update(open.withItems(join(open.items(), item)));
        }
    }

    /** Drops {@code sku} (of one episode, or of any when {@code episode} is null). */
    void drop(String sku, Long episode, Reason reason) throws Exception {
        Candidate open = batch.value();
        if (open != null) {
            Candidate after = open.dropSku(sku, episode, reason);
            if (after != open) {
                batch.update(after);
            }
        }
    }

    /** The batch whose window ends now, no longer open; null if there is none. */
    Candidate close() throws Exception {
        Candidate due = batch.value();
        batch.clear();
        return due;
    }

    /** A sku released again within the batch replaces its dropped entry; one still applying stays. */
    private static List<PendingItem> join(List<PendingItem> items, PendingItem added) {
        List<PendingItem> out = new ArrayList<>(items.size() + 1);
        boolean present = false;
        for (PendingItem item : items) {
            if (item.sku().equals(added.sku())) {
                present = true;
                out.add(item.applies() ? item : added);
            } else {
                out.add(item);
            }
        }
        if (!present) {
            out.add(added);
        }
        return out;
    }
}
