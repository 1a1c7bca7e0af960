package dev.stockwatch.job.model;

/**
 * What the catalog knows of a sku at a decision, and ({@code inStore}) what the customer's home
 * store has of it; every field but sku may be null.
 */
public record ItemInfo(String sku, String name, String url, Double price, String currency, Long inStore) {

    public ItemInfo withInStore(Long available) {
        return new ItemInfo(sku, name, url, price, currency, available);
    }
}
