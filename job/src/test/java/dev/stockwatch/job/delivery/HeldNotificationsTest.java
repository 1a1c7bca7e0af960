package dev.stockwatch.job.delivery;

import static dev.stockwatch.job.TestEvents.cart;
import static dev.stockwatch.job.TestEvents.cartStep;
import static dev.stockwatch.job.TestEvents.emailProfile;
import static dev.stockwatch.job.TestEvents.engagement;
import static dev.stockwatch.job.TestEvents.profile;
import static dev.stockwatch.job.TestEvents.pushProfile;
import static dev.stockwatch.job.TestEvents.released;
import static dev.stockwatch.job.TestEvents.soldOut;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stockwatch.udfs.event.CustomerProfile;
import org.junit.jupiter.api.Test;

/**
 * {@link HeldNotifications} (SPEC §7): quiet hours [21:00, 08:00) local for push, and send time
 * (the next start of the preferred UTC hour, at most {@code sendtime.max-hold} 12 h ahead) hold a
 * notification once; its release re-runs the checks, and what happened up to the release instant
 * counts.
 */
class HeldNotificationsTest extends DeliveryOperatorTest {
    HeldNotificationsTest() {
        super(EACH_RELEASE_AT_ONCE);
    }

    @Test
    void quietHoursBeginAt2100LocalTimeAndTheHeldPushGoesOutAt0800() throws Exception {
        // Warsaw is UTC+1 in November: 21:00 local = 20:00Z, 08:00 local = 07:00Z
        send(profile(pushProfile("c-p", "Europe/Warsaw"), "08:00"), released("c-p", "mixer", "19:59:59.999"),
                released("c-p", "blender", "20:00"));
        assertThat(decisionsBy("20:00")).containsExactly("push back_in_stock c-p [mixer] 2026-11-20T19:59:59.999Z");

        assertForgottenExactlyAt("held", "2026-11-21T07:00:00Z");
        assertThat(decisions()).last().isEqualTo("push back_in_stock c-p [blender] 2026-11-21T07:00:00Z");
        assertThat(outputs().get(1).path("triggeredAt").asText()).isEqualTo("2026-11-20T20:00:00Z");

        assertEverythingForgottenBy("2027-01-01T00:00:00Z");
    }

    @Test
    void whatHappensUpToTheReleaseInstantCancelsAHeldNotificationAMillisecondLaterItDoesNot() throws Exception {
        for (String c : new String[] {"c-1", "c-2", "c-3", "c-4"}) {
            send(profile(pushProfile(c, "Europe/Warsaw"), "08:00"));
        }
        send(released("c-1", "mixer", "21:30"), soldOut("c-1", "mixer", "21:30", "2026-11-21T07:00:00Z"),
                released("c-2", "mixer", "21:30"), soldOut("c-2", "mixer", "21:30", "2026-11-21T07:00:00.001Z"));
        // cart step 3 (push first) at 22:00 local; the cart changes at or just after the release
        send(cartStep("c-3", 3, "2026-11-17T21:00:00Z", "21:00", 50, "mug"), cart("c-3", "tea", "2026-11-21T07:00:00Z"),
                cartStep("c-4", 3, "2026-11-17T21:00:00Z", "21:00", 50, "mug"), cart("c-4", "tea", "2026-11-21T07:00:00.001Z"));
        assertForgottenExactlyAt("held", "2026-11-21T07:00:00Z");
        assertThat(decisionsBy("2026-11-21T07:00:00.001Z")).containsExactlyInAnyOrder(
                "suppressed back_in_stock c-1 [mixer] 2026-11-21T07:00:00Z sold_out",
                "push back_in_stock c-2 [mixer] 2026-11-21T07:00:00Z",
                "suppressed abandoned_cart c-3 [mug] 2026-11-21T07:00:00Z step=3 cart_changed",
                "push abandoned_cart c-4 [mug] 2026-11-21T07:00:00Z step=3 incentive=free-shipping+10%");

        assertEverythingForgottenBy("2027-01-01T00:00:00Z");
    }

    @Test
    void sendTimeHoldsToThePreferredHourWhenItStartsAtMostTwelveHoursLater() throws Exception {
        // step 2 due 1 ms before 19:00, at 19:00, exactly 12 h before it, and 12 h + 1 ms before it
        cartStepDue(emailProfile("c-1", "UTC"), 19, 2, "18:59:59.999");
        cartStepDue(emailProfile("c-2", "UTC"), 19, 2, "19:00");
        cartStepDue(emailProfile("c-3", "UTC"), 19, 2, "07:00");
        cartStepDue(emailProfile("c-4", "UTC"), 19, 2, "06:59:59.999");
        assertThat(decisionsBy("18:59:59.999"))
                .containsExactly("email abandoned_cart c-4 [mug] 2026-11-20T06:59:59.999Z step=2 incentive=10%");
        assertThat(keysHolding("held")).as("c-1 and c-3").isEqualTo(2);
        assertThat(decisionsBy("19:00")).as("c-4's, then the three at 19:00").hasSize(4).contains(
                "email abandoned_cart c-1 [mug] 2026-11-20T19:00:00Z step=2 incentive=10%",
                "email abandoned_cart c-2 [mug] 2026-11-20T19:00:00Z step=2 incentive=10%",
                "email abandoned_cart c-3 [mug] 2026-11-20T19:00:00Z step=2 incentive=10%");
        assertThat(keysHolding("held")).isZero();

        assertEverythingForgottenBy("2027-01-01T00:00:00Z");
    }

    @Test
    void aPreferredHourInQuietHoursHoldsToTheirEndInstead() throws Exception {
        // push in UTC: a preferred hour of 20 goes out then; one of 21 starts the quiet hours, so 08:00 the next day
        cartStepDue(pushProfile("c-20", "UTC"), 20, 3, "12:00");
        cartStepDue(pushProfile("c-21", "UTC"), 21, 3, "12:00");
        assertThat(decisionsBy("20:00")).containsExactly(
                "push abandoned_cart c-20 [mug] 2026-11-20T20:00:00Z step=3 incentive=free-shipping+10%");
        assertForgottenExactlyAt("held", "2026-11-21T08:00:00Z");
        assertThat(decisions()).last()
                .isEqualTo("push abandoned_cart c-21 [mug] 2026-11-21T08:00:00Z step=3 incentive=free-shipping+10%");

        assertEverythingForgottenBy("2027-01-01T00:00:00Z");
    }

    /**
     * A customer with a preferred hour whose cart (a 50 PLN mug) reaches {@code step} at {@code due}
     * (when its ladder started does not matter to the hold).
     */
    private void cartStepDue(CustomerProfile p, int preferredHour, int step, String due) throws Exception {
        String c = p.customerId();
        send(profile(p, "2026-11-01T00:00:00Z"), engagement(c, null, preferredHour, "2026-11-01T00:00:00Z"),
                cartStep(c, step, "2026-11-10T00:00:00Z", due, 50, "mug"));
    }
}
