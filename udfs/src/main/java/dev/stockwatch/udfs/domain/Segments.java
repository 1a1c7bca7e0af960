package dev.stockwatch.udfs.domain;

import java.util.List;

/** The customer's segment at a decision time (SPEC §8). */
public final class Segments {
    public static final String CHAMPIONS = "champions";

    private Segments() {}

    /** The profile's segment when it has one; otherwise the first rule that matches the RFM. */
    public static String segment(String profileSegment, Rfm rfm, List<SegmentRule> rules) {
        if (profileSegment != null && !profileSegment.isBlank()) {
            return profileSegment;
        }
        for (SegmentRule rule : rules) {
            if (rule.matches(rfm)) {
                return rule.segment();
            }
        }
        return "regular";
    }
}
