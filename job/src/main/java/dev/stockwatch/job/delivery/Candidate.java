package dev.stockwatch.job.delivery;

import dev.stockwatch.udfs.output.Kind;
import dev.stockwatch.udfs.output.Reason;
import java.util.ArrayList;
import java.util.List;

/**
 * A notification waiting for its decision: collecting back-in-stock releases in the batch window,
 * or held through quiet hours. Cart candidates carry the cart they were raised for ({@code
 * cartHash}, {@code cartCurrency}) and {@code step}; the event that triggered a cart step is the
 * cart's last activity ({@link #lastActivityAt()}), which its ladder counts from.
 *
 * @param triggeredAt event time of the input event that caused it (SPEC §3)
 */
public record Candidate(
        String holdId,
        Kind kind,
        List<PendingItem> items,
        int step,
        String cartHash,
        String cartCurrency,
        long triggeredAt,
        Reason cancelled) {

    public static Candidate of(Kind kind, List<PendingItem> items, long triggeredAt) {
        return new Candidate("", kind, List.copyOf(items), 0, null, null, triggeredAt, null);
    }

    /**
     * For a cart step: the cart's last activity, the instant its ladder counts from (SPEC §6; what
     * the cart ladder and {@link dev.stockwatch.job.model.CartStepCandidate} call so too). It is
     * the event that triggered the step, so it is {@link #triggeredAt()}.
     */
    public long lastActivityAt() {
        return triggeredAt;
    }

    public List<PendingItem> applying() {
        return items.stream().filter(PendingItem::applies).toList();
    }

    /** Why nothing of it applies any more, or null while something does. */
    public Reason noLongerApplies() {
        if (cancelled != null) {
            return cancelled;
        }
        for (PendingItem item : items) {
            if (item.applies()) {
                return null;
            }
        }
        return items.isEmpty() ? null : items.get(0).dropped();
    }

    public Candidate withItems(List<PendingItem> newItems) {
        return new Candidate(holdId, kind, List.copyOf(newItems), step, cartHash, cartCurrency, triggeredAt, cancelled);
    }

    public Candidate withHoldId(String id) {
        return new Candidate(id, kind, items, step, cartHash, cartCurrency, triggeredAt, cancelled);
    }

    /** The whole candidate is cancelled (a cart change or an order since a cart step). */
    public Candidate cancel(Reason reason) {
        return cancelled != null ? this
                : new Candidate(holdId, kind, items, step, cartHash, cartCurrency, triggeredAt, reason);
    }

    /** Drops the items of {@code sku} (restricted to one episode unless {@code episode} is null). */
    public Candidate dropSku(String sku, Long episode, Reason reason) {
        List<PendingItem> out = new ArrayList<>(items.size());
        boolean changed = false;
        for (PendingItem item : items) {
            if (item.sku().equals(sku) && item.applies() && (episode == null || item.episodeStart() == episode)) {
                out.add(item.drop(reason));
                changed = true;
            } else {
                out.add(item);
            }
        }
        return changed ? withItems(out) : this;
    }
}
