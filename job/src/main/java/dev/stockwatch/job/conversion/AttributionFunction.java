package dev.stockwatch.job.conversion;

import dev.stockwatch.job.metrics.LabeledCounters;
import dev.stockwatch.job.metrics.LabeledSums;
import dev.stockwatch.job.model.OutputRecord;
import dev.stockwatch.udfs.domain.Attribution;
import dev.stockwatch.udfs.event.OrderEvent;
import dev.stockwatch.udfs.output.Conversion;
import dev.stockwatch.udfs.output.OutputJson;
import dev.stockwatch.udfs.output.SentNotification;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by customer: gathers the pattern's matches of each order (they all come with the order's
 * event time) and, once the watermark has passed the order, attributes each of its skus to the
 * last notification that touched it ({@link Attribution}). Writes one {@code notify.conversions}
 * record per (order, notification) and counts conversions and revenue per kind. Nothing is kept
 * once an order is attributed.
 */
public class AttributionFunction extends KeyedProcessFunction<String, Touch, OutputRecord> {
    private static final long serialVersionUID = 1L;
    public static final String TOPIC = "conversions";
    private static final Comparator<OrderEvent> ORDER_ID = Comparator.comparing(OrderEvent::orderId)
            .thenComparing(OrderEvent::toString);

    private final long windowMillis;

    private transient MapState<Long, List<Touch>> pending;
    private transient LabeledCounters conversions;
    private transient LabeledSums revenue;

    public AttributionFunction(long windowMillis) {
        this.windowMillis = windowMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>(
                "touches-by-order-time", Types.LONG, Types.LIST(TypeInformation.of(Touch.class))));
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        conversions = new LabeledCounters(metrics, "conversions", "kind");
        revenue = new LabeledSums(metrics, "conversionRevenue", "kind");
    }

    @Override
    public void processElement(Touch touch, Context ctx, Collector<OutputRecord> out) throws Exception {
        long at = touch.order().at();
        List<Touch> atThatTime = pending.get(at);
        if (atThatTime == null) {
            atThatTime = new ArrayList<>(1);
            ctx.timerService().registerEventTimeTimer(at);
        }
        atThatTime.add(touch);
        pending.put(at, atThatTime);
    }

    @Override
    public void onTimer(long t, OnTimerContext ctx, Collector<OutputRecord> out) throws Exception {
        List<Touch> touches = pending.get(t);
        if (touches == null) {
            return;
        }
        pending.remove(t);
        for (Map.Entry<OrderEvent, List<SentNotification>> order : byOrder(touches).entrySet()) {
            for (Conversion c : Attribution.attribute(order.getKey(), order.getValue(), windowMillis)) {
                conversions.inc(c.kind().id());
                revenue.add(c.revenue(), c.kind().id());
                out.collect(new OutputRecord(TOPIC, c.customerId(), c.kind().id(), c.eventTime(), OutputJson.write(c)));
            }
        }
    }

    /** The notifications each order touched, orders by id. */
    static Map<OrderEvent, List<SentNotification>> byOrder(List<Touch> touches) {
        Map<OrderEvent, List<SentNotification>> byOrder = new TreeMap<>(ORDER_ID);
        for (Touch touch : touches) {
            List<SentNotification> sent = byOrder.computeIfAbsent(touch.order(), o -> new ArrayList<>());
            if (!sent.contains(touch.sent())) {
                sent.add(touch.sent());
            }
        }
        return byOrder;
    }
}
