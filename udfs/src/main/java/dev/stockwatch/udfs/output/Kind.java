package dev.stockwatch.udfs.output;

import java.util.Locale;

/** The three notification kinds. */
public enum Kind {
    BACK_IN_STOCK,
    SOLD_OUT_AGAIN,
    ABANDONED_CART;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
