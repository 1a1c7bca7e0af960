package dev.stockwatch.job.model;

import dev.stockwatch.udfs.event.CartEvent;
import dev.stockwatch.udfs.event.CustomerProfile;
import dev.stockwatch.udfs.event.EngagementEvent;
import dev.stockwatch.udfs.event.OrderEvent;
import dev.stockwatch.udfs.event.OrderKey;

/**
 * An input of the customer-keyed delivery step: a profile, an engagement record, an order, a cart event, a signal from a
 * sku's waiting list, or a sold-out-again candidate. Exactly one of them is set.
 */
public record CustomerInput(
        OrderKey key,
        String customerId,
        CustomerProfile profile,
        EngagementEvent engagement,
        OrderEvent order,
        CartEvent cart,
        SkuSignal signal,
        SoldOutAgainCandidate soldOutAgain,
        CartStepCandidate cartStep)
        implements Sequenced {

    /** Signals before candidates, so a sold-out is known before the sold-out-again it caused is decided. */
    @Override
    public String tieBreak() {
        if (signal != null) {
            return "0" + signal.type().ordinal() + signal.sku();
        }
        if (soldOutAgain != null) {
            return "1" + soldOutAgain.sku();
        }
        if (cartStep != null) {
            return "1~" + cartStep.step();
        }
        return "2";
    }

    public static CustomerInput profile(OrderKey key, CustomerProfile p) {
        return new CustomerInput(key, p.customerId(), p, null, null, null, null, null, null);
    }

    public static CustomerInput engagement(OrderKey key, EngagementEvent e) {
        return new CustomerInput(key, e.customerId(), null, e, null, null, null, null, null);
    }

    public static CustomerInput order(OrderKey key, OrderEvent o) {
        return new CustomerInput(key, o.customerId(), null, null, o, null, null, null, null);
    }

    public static CustomerInput cart(OrderKey key, CartEvent c) {
        return new CustomerInput(key, c.customerId(), null, null, null, c, null, null, null);
    }

    public static CustomerInput signal(SkuSignal s) {
        return new CustomerInput(s.key(), s.customerId(), null, null, null, null, s, null, null);
    }

    public static CustomerInput soldOutAgain(SoldOutAgainCandidate c) {
        return new CustomerInput(c.key(), c.customerId(), null, null, null, null, null, c, null);
    }

    public static CustomerInput cartStep(CartStepCandidate c) {
        return new CustomerInput(c.key(), c.customerId(), null, null, null, null, null, null, c);
    }
}
