package dev.stockwatch.job.graph;

import dev.stockwatch.job.metrics.LabeledCounters;
import dev.stockwatch.job.model.CartInput;
import dev.stockwatch.job.model.CustomerInput;
import dev.stockwatch.job.model.OutputRecord;
import dev.stockwatch.job.model.ShopEvent;
import dev.stockwatch.job.model.SignalType;
import dev.stockwatch.job.model.SkuInput;
import dev.stockwatch.job.model.SkuSignal;
import dev.stockwatch.udfs.event.OrderItem;
import dev.stockwatch.udfs.output.Kind;
import dev.stockwatch.udfs.output.OutputJson;
import dev.stockwatch.udfs.output.Reason;
import dev.stockwatch.udfs.output.Suppression;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.util.Collector;

/** The small stateless steps that route events to the keyed operators. */
final class Routing {
    private Routing() {}

    /** Stock, interest, and one purchase per distinct sku of an order, for the sku-keyed waiting list. */
    static final class ToSkuInputs implements FlatMapFunction<ShopEvent, SkuInput> {
        private static final long serialVersionUID = 1L;

        @Override
        public void flatMap(ShopEvent e, Collector<SkuInput> out) {
            if (e.stock() != null) {
                out.collect(SkuInput.stock(e.key(), e.stock()));
            } else if (e.interest() != null) {
                out.collect(SkuInput.interest(e.key(), e.interest()));
            } else if (e.order() != null) {
                Set<String> skus = new LinkedHashSet<>();
                for (OrderItem item : e.order().items()) {
                    skus.add(item.sku());
                }
                for (String sku : skus) {
                    out.collect(SkuInput.purchase(e.key(), sku, e.order().customerId()));
                }
            }
        }
    }

    /**
     * Profiles, engagement records and orders, for the customer-keyed delivery policy. Cart events reach it through the
     * cart ladder, which passes on only those that can change a held cart step.
     */
    static final class ToCustomerInputs implements FlatMapFunction<ShopEvent, CustomerInput> {
        private static final long serialVersionUID = 1L;

        @Override
        public void flatMap(ShopEvent e, Collector<CustomerInput> out) {
            if (e.customer() != null) {
                out.collect(CustomerInput.profile(e.key(), e.customer()));
            } else if (e.engagement() != null) {
                out.collect(CustomerInput.engagement(e.key(), e.engagement()));
            } else if (e.order() != null) {
                out.collect(CustomerInput.order(e.key(), e.order()));
            }
        }
    }

    /** Cart events and orders, for the cart ladder and its inactivity pattern. */
    static final class ToCartInputs implements FlatMapFunction<ShopEvent, CartInput> {
        private static final long serialVersionUID = 1L;

        @Override
        public void flatMap(ShopEvent e, Collector<CartInput> out) {
            if (e.cart() != null) {
                out.collect(CartInput.cart(e.key(), e.cart()));
            } else if (e.order() != null) {
                out.collect(CartInput.order(e.key(), e.order()));
            }
        }
    }

    /** An expired subscription becomes a suppressed record with reason {@code expired}. */
    static final class ExpiredToSuppressed extends RichMapFunction<SkuSignal, OutputRecord> {
        private static final long serialVersionUID = 1L;
        private transient LabeledCounters suppressions;

        @Override
        public void open(OpenContext openContext) {
            suppressions = new LabeledCounters(getRuntimeContext().getMetricGroup(), "suppressed", "kind", "reason");
        }

        @Override
        public OutputRecord map(SkuSignal s) {
            suppressions.inc(Kind.BACK_IN_STOCK.id(), Reason.EXPIRED.id());
            Suppression suppression = new Suppression(null, Kind.BACK_IN_STOCK, s.customerId(), Reason.EXPIRED,
                    List.of(s.sku()), null, s.at(), s.releasedAt());
            return new OutputRecord(OutputRecord.SUPPRESSED, s.customerId(), Kind.BACK_IN_STOCK.id(), s.at(),
                    OutputJson.write(suppression));
        }
    }

    static boolean forSoldOutWatch(SkuSignal s) {
        return s.type() == SignalType.RELEASED || s.type() == SignalType.PURCHASED || s.type() == SignalType.SOLD_OUT;
    }

    static boolean forDelivery(SkuSignal s) {
        return s.type() == SignalType.RELEASED || s.type() == SignalType.SOLD_OUT;
    }
}
