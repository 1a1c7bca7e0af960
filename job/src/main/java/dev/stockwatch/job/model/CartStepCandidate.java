package dev.stockwatch.job.model;

import dev.stockwatch.udfs.event.OrderKey;
import java.util.List;

/**
 * A cart step fell due: the cart with these lines saw no activity since {@code lastActivityAt} and
 * no order. {@code key} is the step's due time.
 */
public record CartStepCandidate(
        OrderKey key,
        String customerId,
        int step,
        String cartHash,
        List<CartLine> lines,
        String currency,
        long lastActivityAt) {

    public double value() {
        double total = 0;
        for (CartLine line : lines) {
            total += line.value();
        }
        return total;
    }
}
