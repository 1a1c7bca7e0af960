package dev.stockwatch.job.conversion;

import dev.stockwatch.job.model.OutputRecord;
import dev.stockwatch.job.model.ShopEvent;
import dev.stockwatch.udfs.config.StockwatchConfig;
import dev.stockwatch.udfs.event.OrderEvent;
import dev.stockwatch.udfs.output.SentNotification;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.util.Collector;

/**
 * The conversions branch of the job graph (SPEC §13): the notifications that were sent (the
 * delivery policy's side output) and the orders, per customer, through {@link ConversionPattern} and
 * {@link AttributionFunction}, to {@code notify.conversions}.
 */
public final class Conversions {
    /** Accumulators of the orders applied, for the share of revenue the replay summary shows. */
    public static final String ORDERS = "orders.count";
    public static final String ORDER_REVENUE_CENTS = "orders.revenue-cents";

    private Conversions() {}

    public static DataStream<OutputRecord> detect(DataStream<ShopEvent> events, DataStream<SentNotification> sentNotifications,
            StockwatchConfig config) {
        DataStream<ConversionEvent> orders = events.flatMap(new Orders())
                .returns(TypeInformation.of(ConversionEvent.class))
                .uid("route-to-conversions")
                .name("orders to conversions");
        DataStream<ConversionEvent> sent = sentNotifications.map(ConversionEvent::sent)
                .returns(TypeInformation.of(ConversionEvent.class))
                .uid("sent-to-conversions")
                .name("sent notifications to conversions");
        DataStream<Touch> touches = ConversionPattern.detect(
                        orders.union(sent).keyBy(ConversionEvent::customerId), config.attributionWindow)
                .uid("conversion-pattern");
        return touches.keyBy(Touch::customerId)
                .process(new AttributionFunction(config.attributionWindow.toMillis()))
                .uid("attribution")
                .name("last-touch attribution per customer");
    }

    /** Every order applied, counted with its revenue. */
    static final class Orders extends RichFlatMapFunction<ShopEvent, ConversionEvent> {
        private static final long serialVersionUID = 1L;
        private transient LongCounter count;
        private transient LongCounter revenueCents;

        @Override
        public void open(OpenContext openContext) {
            count = getRuntimeContext().getLongCounter(ORDERS);
            revenueCents = getRuntimeContext().getLongCounter(ORDER_REVENUE_CENTS);
        }

        @Override
        public void flatMap(ShopEvent e, Collector<ConversionEvent> out) {
            OrderEvent order = e.order();
            if (order != null) {
                count.add(1);
                revenueCents.add(Math.round(order.totalValue() * 100));
                out.collect(ConversionEvent.order(order));
            }
        }
    }
}
