package dev.stockwatch.udfs.domain;

import java.io.Serializable;
import java.util.Locale;

/** What an abandoned-cart step offers: a percentage off and/or free shipping. */
public record Incentive(int percentOff, boolean freeShipping) implements Serializable {
    public static final Incentive NONE = new Incentive(0, false);

    public boolean isNone() {
        return percentOff == 0 && !freeShipping;
    }

    /**
     * Parses {@code none}, {@code 10%}, {@code free-shipping} or {@code free-shipping 10%}.
     *
     * @throws IllegalArgumentException with what was expected
     */
    public static Incentive parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.isEmpty() || s.equals("none")) {
            return NONE;
        }
        boolean freeShipping = false;
        int percent = 0;
        for (String part : s.split("[\\s+,]+")) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.equals("free-shipping")) {
                freeShipping = true;
            } else if (part.matches("\\d{1,2}%|100%")) {
                percent = Integer.parseInt(part.substring(0, part.length() - 1));
            } else {
                throw new IllegalArgumentException(
                        "an incentive such as none, 10%, free-shipping or \"free-shipping 10%\"");
            }
        }
        return new Incentive(percent, freeShipping);
    }

    @Override
    public String toString() {
        if (isNone()) {
            return "none";
        }
        return (freeShipping ? "free-shipping" + (percentOff > 0 ? " " : "") : "")
                + (percentOff > 0 ? percentOff + "%" : "");
    }
}
