package dev.stockwatch.udfs.output;

import java.util.Locale;

/** The three notification kinds. */
public enum Kind {
    BACK_IN_STOCK,
    SOLD_OUT_AGAIN,
    ABANDONED_CART;

    /** The kind of an id such as {@code back_in_stock}. */
    public static Kind of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
