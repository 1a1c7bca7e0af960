package dev.stockwatch.udfs.event;

/**
 * A change to a customer's cart (topic {@code cart}). {@code sku} and {@code quantity} are set for
 * add and remove, {@code unitPrice} for add; {@code cartId} and {@code currency} are optional.
 */
public record CartEvent(
        CartAction action,
        String customerId,
        String cartId,
        String sku,
        int quantity,
        Double unitPrice,
        String currency,
        long at) implements InputEvent {}
