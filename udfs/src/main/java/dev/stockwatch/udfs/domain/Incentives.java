package dev.stockwatch.udfs.domain;

import java.util.List;
import java.util.Map;

/** The incentive of an abandoned-cart step for a segment ({@code cart.incentives}). */
public final class Incentives {
    private Incentives() {}

    public static Incentive forStep(List<Map<String, Incentive>> table, int step, String segment) {
        if (step < 1 || step > table.size()) {
            return Incentive.NONE;
        }
        Map<String, Incentive> bySegment = table.get(step - 1);
        Incentive incentive = bySegment.get(segment);
        if (incentive == null) {
            incentive = bySegment.get("default");
        }
        return incentive == null ? Incentive.NONE : incentive;
    }
}
