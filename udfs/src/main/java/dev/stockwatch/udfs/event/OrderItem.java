package dev.stockwatch.udfs.event;

/** One line of an order. */
public record OrderItem(String sku, int quantity, double unitPrice) {
    public double value() {
        return quantity * unitPrice;
    }
}
