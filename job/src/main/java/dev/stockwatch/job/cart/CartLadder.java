package dev.stockwatch.job.cart;

import dev.stockwatch.job.model.CartLine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the cart ladder keeps per customer, in one state entry that each event reads and writes once
 * (on RocksDB every state entry is a lookup of its own): the cart and its ladder.
 *
 * @param currency the cart's currency, while it has lines
 * @param lastActivityAt the activity the running ladder counts from (SPEC §6: step k falls due at
 *     {@code lastActivityAt + cart.steps[k]}); null when no ladder runs
 * @param nextStep the next step of the running ladder, 1-based; null when no ladder runs
 * @param stepSinceActivity a step was emitted and no cart event has come since: the next one goes
 *     on to the delivery policy, where that step may be held
 * @param contents the cart's lines in sku order; null only in an entry restored from an earlier
 *     version, which kept the lines in a map state of their own (and their number in a field {@code
 *     lines}, which Flink drops on restore)
 */
public record CartLadder(String currency, Long lastActivityAt, Integer nextStep, boolean stepSinceActivity,
        List<CartLine> contents) {
    static final CartLadder NONE = new CartLadder(null, null, null, false, List.of());

    /** How many lines the cart has. */
    int lines() {
        return contents.size();
    }

    boolean running() {
        return lastActivityAt != null && nextStep != null;
    }

    boolean isEmpty() {
        return currency == null && contents.isEmpty() && !running() && !stepSinceActivity;
    }

    /** The line of {@code sku}, or null. */
    CartLine line(String sku) {
        int at = find(sku);
        return at >= 0 ? contents.get(at) : null;
    }

    /** The cart with {@code line} in it, in place of the line of its sku if there was one. */
    CartLadder withLine(CartLine line) {
        List<CartLine> changed = new ArrayList<>(contents);
        int at = find(line.sku());
        if (at >= 0) {
            changed.set(at, line);
        } else {
            changed.add(-at - 1, line);
        }
        return withContents(changed);
    }

    /** The cart without the line of {@code sku} (the same cart if it had none). */
    CartLadder withoutLine(String sku) {
        int at = find(sku);
        if (at < 0) {
            return this;
        }
        List<CartLine> changed = new ArrayList<>(contents);
        changed.remove(at);
        return withContents(changed);
    }

    CartLadder withContents(List<CartLine> newContents) {
        return new CartLadder(currency, lastActivityAt, nextStep, stepSinceActivity, newContents);
    }

    CartLadder withCurrency(String newCurrency) {
        return new CartLadder(newCurrency, lastActivityAt, nextStep, stepSinceActivity, contents);
    }

    /** No cart: no lines, no currency. */
    CartLadder withoutCart() {
        return new CartLadder(null, lastActivityAt, nextStep, stepSinceActivity, List.of());
    }

    CartLadder withLadder(Long activityAt, Integer step) {
        return new CartLadder(currency, activityAt, step, stepSinceActivity, contents);
    }

    CartLadder withStepSinceActivity(boolean step) {
        return new CartLadder(currency, lastActivityAt, nextStep, step, contents);
    }

    /** Where the line of {@code sku} is in {@code contents}, or {@code -(insertion point) - 1}. */
    private int find(String sku) {
        return Collections.binarySearch(contents, new CartLine(sku, 0, 0), (a, b) -> a.sku().compareTo(b.sku()));
    }
}
