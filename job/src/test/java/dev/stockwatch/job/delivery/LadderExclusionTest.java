package dev.stockwatch.job.delivery;

import static dev.stockwatch.job.TestEvents.cartStep;
import static dev.stockwatch.job.TestEvents.order;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link LadderExclusion} (SPEC §6): a champion's ladder ends at its first step (one
 * segment_excluded); its later steps are dropped up to and including the last one, due
 * {@code cart.steps}' 72 h after the last activity, when the exclusion is forgotten. A new ladder
 * is decided afresh. The customer has no profile: champions are excluded before that matters.
 */
class LadderExclusionTest extends DeliveryOperatorTest {
    /** Five orders in the 30 days before 2026-11-20: a champion. */
    @BeforeEach
    void aChampion() throws Exception {
        for (int day = 10; day <= 14; day++) {
            send(order("c-ch", "tea", "2026-11-" + day + "T10:00:00Z"));
        }
    }

    @Test
    void theLaddersLaterStepsAreDroppedUpToTheLastOneDueWhenTheExclusionEnds() throws Exception {
        send(cartStep("c-ch", 1, "10:00", "11:00", 50, "mug"),
                cartStep("c-ch", 2, "10:00", "2026-11-21T10:00:00Z", 50, "mug"),
                cartStep("c-ch", 3, "10:00", "2026-11-23T10:00:00Z", 50, "mug"));
        assertForgottenExactlyAt("excluded-ladder", "2026-11-23T10:00:00Z");
        assertThat(decisions()).as("steps 2 and 3 dropped")
                .containsExactly("suppressed abandoned_cart c-ch [mug] 2026-11-20T11:00:00Z step=1 segment_excluded");

        assertEverythingForgottenBy("2028-01-01T00:00:00Z");
    }

    @Test
    void aNewLadderIsDecidedAfreshAndTheOldLaddersEndDoesNotEndItsExclusion() throws Exception {
        // activity at 2026-11-21T09:00 starts a new ladder before the first one's step 2
        send(cartStep("c-ch", 1, "10:00", "11:00", 50, "mug"),
                cartStep("c-ch", 1, "2026-11-21T09:00:00Z", "2026-11-21T10:00:00Z", 50, "mug", "tea"),
                cartStep("c-ch", 2, "2026-11-21T09:00:00Z", "2026-11-22T09:00:00Z", 50, "mug", "tea"),
                cartStep("c-ch", 3, "2026-11-21T09:00:00Z", "2026-11-24T09:00:00Z", 50, "mug", "tea"));
        assertForgottenExactlyAt("excluded-ladder", "2026-11-24T09:00:00Z");
        assertThat(decisions()).as("the new ladder's steps 2 and 3 dropped, also after the old one's end").containsExactly(
                "suppressed abandoned_cart c-ch [mug] 2026-11-20T11:00:00Z step=1 segment_excluded",
                "suppressed abandoned_cart c-ch [mug, tea] 2026-11-21T10:00:00Z step=1 segment_excluded");

        assertEverythingForgottenBy("2028-01-01T00:00:00Z");
    }
}
