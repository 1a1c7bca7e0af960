package dev.stockwatch.job.conversion;

import dev.stockwatch.job.cep.CompactCepOperator;
import dev.stockwatch.udfs.domain.Attribution;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.cep.EventComparator;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.Collector;

/**
 * Conversions (SPEC §13) as a CEP pattern over the sent notifications and orders of one customer:
 * sent, followed by any order that contains a sku the notification listed, within {@code
 * attribution.window} (inclusive) of the notification. Every (notification, order) pair matches
 * ({@code followedByAny}): one notification can convert several orders, and one order can touch
 * several notifications; {@link AttributionFunction} then picks the last touch per sku.
 *
 * <p>A notification's partial match lives for the window and is pruned with the first watermark
 * past it, so the pattern's state is bounded by what the customer was sent within the window.
 */
public final class ConversionPattern {
    private ConversionPattern() {}

    public static Pattern<ConversionEvent, ?> pattern(Duration window) {
        return Pattern.<ConversionEvent>begin("sent")
                .where(SimpleCondition.of(e -> e.sent() != null))
                .followedByAny("order")
                .where(new OrdersAListedSku(window.toMillis()))
                // CEP windows exclude their end; an order exactly attribution.window after the notification counts
                .within(window.plusMillis(1));
    }

    /** Events of the same instant: orders first, then by id. */
    public static EventComparator<ConversionEvent> sameInstantOrder() {
        return (a, b) -> a.tieBreak().compareTo(b.tieBreak());
    }

    /** Applies the pattern to the events keyed by customer. */
    public static SingleOutputStreamOperator<Touch> detect(KeyedStream<ConversionEvent, String> events, Duration window) {
        return CompactCepOperator.detect(events, "sent, then ordered (CEP)", pattern(window), sameInstantOrder(), new ToTouch(),
                Touch.class);
    }

    static final class OrdersAListedSku extends IterativeCondition<ConversionEvent> {
        private static final long serialVersionUID = 1L;
        private final long windowMillis;

        OrdersAListedSku(long windowMillis) {
            this.windowMillis = windowMillis;
        }

        @Override
        public boolean filter(ConversionEvent e, Context<ConversionEvent> ctx) throws Exception {
            if (e.order() == null) {
                return false;
            }
            for (ConversionEvent sent : ctx.getEventsForPattern("sent")) {
                if (Attribution.touches(sent.sent(), e.order(), windowMillis)) {
                    return true;
                }
            }
            return false;
        }
    }

    static final class ToTouch extends PatternProcessFunction<ConversionEvent, Touch> {
        private static final long serialVersionUID = 1L;

        @Override
        public void processMatch(Map<String, List<ConversionEvent>> match, Context ctx, Collector<Touch> out) {
            ConversionEvent sent = match.get("sent").get(0);
            ConversionEvent order = match.get("order").get(0);
            out.collect(new Touch(order.customerId(), sent.sent(), order.order()));
        }
    }
}
