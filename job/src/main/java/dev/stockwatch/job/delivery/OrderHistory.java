package dev.stockwatch.job.delivery;

import dev.stockwatch.job.pipeline.TimerScheduler;
import dev.stockwatch.udfs.domain.Rfm;
import dev.stockwatch.udfs.domain.SegmentRule;
import dev.stockwatch.udfs.domain.Segments;
import dev.stockwatch.udfs.event.CustomerProfile;
import dev.stockwatch.udfs.event.OrderEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/** A customer's orders of the last 365 days, for the RFM segment at a decision (SPEC §8). */
final class OrderHistory {
    private final List<SegmentRule> rules;
    private final TimerScheduler timers;
    private final ValueState<List<OrderStamp>> orders;

    OrderHistory(RuntimeContext context, List<SegmentRule> rules, TimerScheduler timers) {
        this.rules = rules;
        this.timers = timers;
        orders = context.getState(new ValueStateDescriptor<>("orders", Types.LIST(TypeInformation.of(OrderStamp.class))));
    }

    void add(OrderEvent order) throws Exception {
        List<OrderStamp> history = orders.value();
        List<OrderStamp> updated = history == null ? new ArrayList<>() : new ArrayList<>(history);
        updated.add(new OrderStamp(order.at(), order.totalValue()));
        orders.update(updated);
        timers.schedule(order.at() + Rfm.YEAR_MILLIS, DeliveryTimer.FORGET_OLD_ORDERS.at(""));
    }

    /** The segment at {@code now}: the profile's own, else the first rule the RFM figures match. */
    String segmentAt(CustomerProfile p, long now) throws Exception {
        List<OrderStamp> history = orders.value();
        int n = history == null ? 0 : history.size();
        long[] times = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            times[i] = history.get(i).at();
            values[i] = history.get(i).value();
        }
        return Segments.segment(p == null ? null : p.segment(), Rfm.at(now, times, values), rules);
    }

    void forgetOldOrders(long now) throws Exception {
        List<OrderStamp> history = orders.value();
        if (history == null) {
            return;
        }
        List<OrderStamp> kept = history.stream().filter(o -> o.at() > now - Rfm.YEAR_MILLIS).toList();
        if (kept.isEmpty()) {
            orders.clear();
        } else if (kept.size() != history.size()) {
            orders.update(new ArrayList<>(kept));
        }
    }
}
