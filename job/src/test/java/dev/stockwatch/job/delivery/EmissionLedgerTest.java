package dev.stockwatch.job.delivery;

import static dev.stockwatch.job.TestEvents.cartStep;
import static dev.stockwatch.job.TestEvents.emailProfile;
import static dev.stockwatch.job.TestEvents.profile;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link EmissionLedger} (SPEC §7): at most {@code cap.max} (3) notifications in any rolling
 * (t − {@code cap.window}, t] (24 h), and a notificationId never emitted twice within
 * {@code dedupe.retention} (30 d) of its first emission; both forgotten when their window ends.
 * Cart reminders to an email address: no other part keeps anything for them.
 */
class EmissionLedgerTest extends DeliveryOperatorTest {
    EmissionLedgerTest() {
        super(Map.of());
    }

    @Test
    void theCapCountsEmissionsOfTheLast24HoursAndForgetsEachExactly24HoursLater() throws Exception {
        send(profile(emailProfile("c-a", "UTC"), "08:00"),
                cartStep("c-a", 1, "08:00", "09:00", 50, "s1"), cartStep("c-a", 1, "09:00", "10:00", 50, "s2"),
                cartStep("c-a", 1, "10:00", "11:00", 50, "s3"),
                cartStep("c-a", 1, "2026-11-21T07:59:59.999Z", "2026-11-21T08:59:59.999Z", 50, "s4"),
                cartStep("c-a", 1, "2026-11-21T08:00:00Z", "2026-11-21T09:00:00Z", 50, "s5"));
        assertThat(decisionsBy("2026-11-21T09:00:00Z")).containsExactly(
                "email abandoned_cart c-a [s1] 2026-11-20T09:00:00Z step=1",
                "email abandoned_cart c-a [s2] 2026-11-20T10:00:00Z step=1",
                "email abandoned_cart c-a [s3] 2026-11-20T11:00:00Z step=1",
                "suppressed abandoned_cart c-a [s4] 2026-11-21T08:59:59.999Z step=1 frequency_cap",
                "email abandoned_cart c-a [s5] 2026-11-21T09:00:00Z step=1");

        assertForgottenExactlyAt("emitted-at", "2026-11-22T09:00:00Z");

        assertEverythingForgottenBy("2027-01-01T00:00:00Z");
    }

    @Test
    void anIdIsADuplicateUntilDedupeRetentionAfterItsFirstEmissionAndIsForgottenThen() throws Exception {
        // the same cart (same cartHash, same step) reminded again by later ladders
        send(profile(emailProfile("c-a", "UTC"), "08:00"), cartStep("c-a", 1, "09:00", "10:00", 50, "mug"),
                cartStep("c-a", 1, "2026-12-20T08:59:59.999Z", "2026-12-20T09:59:59.999Z", 50, "mug"),
                cartStep("c-a", 1, "2026-12-20T09:00:00Z", "2026-12-20T10:00:00Z", 50, "mug"));
        assertThat(decisionsBy("2026-12-20T10:00:00Z")).containsExactly(
                "email abandoned_cart c-a [mug] 2026-11-20T10:00:00Z step=1",
                "suppressed abandoned_cart c-a [mug] 2026-12-20T09:59:59.999Z step=1 duplicate",
                "email abandoned_cart c-a [mug] 2026-12-20T10:00:00Z step=1");

        assertForgottenExactlyAt("emitted-ids", "2027-01-19T10:00:00Z");
        assertEverythingForgotten();
    }
}
