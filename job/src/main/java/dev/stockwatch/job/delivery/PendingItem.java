package dev.stockwatch.job.delivery;

import dev.stockwatch.job.model.ItemInfo;
import dev.stockwatch.udfs.output.Reason;

/**
 * One item of a notification not yet sent. {@code episodeStart} is its restock episode (back in
 * stock, sold out again); {@code quantity} and {@code unitPrice} are set for cart items; {@code
 * dropped} says why it no longer applies (an order or a sell-out since), or is null.
 */
public record PendingItem(
        String sku, long episodeStart, ItemInfo item, Integer quantity, Double unitPrice, Reason dropped) {

    public PendingItem drop(Reason reason) {
        return dropped != null ? this : new PendingItem(sku, episodeStart, item, quantity, unitPrice, reason);
    }

    public boolean applies() {
        return dropped == null;
    }
}
