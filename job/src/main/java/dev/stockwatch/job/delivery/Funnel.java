package dev.stockwatch.job.delivery;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;

/**
 * The back-in-stock funnel for analysts: every item of a sent back_in_stock is a watch that ends
 * in a purchase, in a sell-out ({@code sold_out_again}), or is still open.
 */
public final class Funnel {
    public static final String NOTIFIED = "funnel.notified";
    public static final String PURCHASED = "funnel.purchased";
    public static final String SOLD_OUT_AGAIN = "funnel.sold-out-again";

    final LongCounter notified = new LongCounter();
    final LongCounter purchased = new LongCounter();
    final LongCounter soldOutAgain = new LongCounter();

    Funnel(RuntimeContext context) {
        context.addAccumulator(NOTIFIED, notified);
        context.addAccumulator(PURCHASED, purchased);
        context.addAccumulator(SOLD_OUT_AGAIN, soldOutAgain);
    }
}
