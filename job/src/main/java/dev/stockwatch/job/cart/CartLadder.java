package dev.stockwatch.job.cart;

/**
 * What the cart ladder keeps per customer besides the cart's lines, in one state entry that each
 * event reads and writes once (on RocksDB every state entry is a lookup of its own).
 *
 * @param currency the cart's currency, while it has lines
 * @param lines how many lines the cart has (so that "is the cart empty" needs no scan of the lines)
 * @param lastActivityAt the activity the running ladder counts from (SPEC §6: step k falls due at
 *     {@code lastActivityAt + cart.steps[k]}); null when no ladder runs
 * @param nextStep the next step of the running ladder, 1-based; null when no ladder runs
 * @param stepSinceActivity a step was emitted and no cart event has come since: the next one goes
 *     on to the delivery policy, where that step may be held
 */
public record CartLadder(String currency, int lines, Long lastActivityAt, Integer nextStep, boolean stepSinceActivity) {
    static final CartLadder NONE = new CartLadder(null, 0, null, null, false);

    boolean running() {
        return lastActivityAt != null && nextStep != null;
    }

    boolean isEmpty() {
        return currency == null && lines == 0 && !running() && !stepSinceActivity;
    }

    CartLadder withCart(String newCurrency, int newLines) {
        return new CartLadder(newCurrency, newLines, lastActivityAt, nextStep, stepSinceActivity);
    }

    CartLadder withLadder(Long activityAt, Integer step) {
        return new CartLadder(currency, lines, activityAt, step, stepSinceActivity);
    }

    CartLadder withStepSinceActivity(boolean step) {
        return new CartLadder(currency, lines, lastActivityAt, nextStep, step);
    }
}
