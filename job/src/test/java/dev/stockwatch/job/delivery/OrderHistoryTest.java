package dev.stockwatch.job.delivery;

import static dev.stockwatch.job.TestEvents.cartStep;
import static dev.stockwatch.job.TestEvents.emailProfile;
import static dev.stockwatch.job.TestEvents.order;
import static dev.stockwatch.job.TestEvents.profile;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link OrderHistory} (SPEC §8): the RFM segment at a decision at t counts the orders with
 * {@code at} in (t − 365 d, t]; an order leaves the history exactly 365 d after it.
 */
class OrderHistoryTest extends DeliveryOperatorTest {
    @Test
    void anOrderCountsForTheSegmentUntilExactly365DaysAfterIt() throws Exception {
        // five orders, the first exactly 365 d before 2026-11-20T10:00Z: champions 1 ms before, loyal (F = 4) then
        for (String c : new String[] {"c-1", "c-2"}) {
            send(profile(emailProfile(c, "UTC"), "2025-01-01T00:00:00Z"), order(c, "old", "2025-11-20T10:00:00Z"));
            for (int day = 1; day <= 4; day++) {
                send(order(c, "new", "2026-11-0" + day + "T10:00:00Z"));
            }
        }
        send(cartStep("c-1", 1, "08:59:59.999", "09:59:59.999", 50, "mug"), cartStep("c-2", 1, "09:00", "10:00", 50, "mug"));
        assertThat(decisionsBy("10:00")).containsExactly(
                "suppressed abandoned_cart c-1 [mug] 2026-11-20T09:59:59.999Z step=1 segment_excluded",
                "email abandoned_cart c-2 [mug] 2026-11-20T10:00:00Z step=1");
        assertThat(outputs().get(1).path("segment").asText()).isEqualTo("loyal");

        assertForgottenExactlyAt("orders", "2027-11-04T10:00:00Z");
        assertEverythingForgotten();
    }
}
