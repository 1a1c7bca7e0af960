package dev.stockwatch.udfs.event;

/** What a cart event does. */
public enum CartAction {
    ADD,
    REMOVE,
    CLEAR,
    CHECKOUT
}
