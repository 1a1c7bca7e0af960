package dev.stockwatch.udfs.event;

import java.util.List;

/** An order placed online or in a store ({@code channel} {@code pos}) (topic {@code orders}). */
public record OrderEvent(
        String orderId, String customerId, String channel, String storeId, List<OrderItem> items, long at) implements InputEvent {

    public double totalValue() {
        double total = 0;
        for (OrderItem item : items) {
            total += item.value();
        }
        return total;
    }

    public boolean contains(String sku) {
        for (OrderItem item : items) {
            if (item.sku().equals(sku)) {
                return true;
            }
        }
        return false;
    }
}
