package dev.stockwatch.job.model;

/** One line of a cart. */
public record CartLine(String sku, int quantity, double unitPrice) {
    public double value() {
        return quantity * unitPrice;
    }
}
