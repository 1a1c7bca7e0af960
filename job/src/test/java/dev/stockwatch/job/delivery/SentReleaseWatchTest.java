package dev.stockwatch.job.delivery;

import static dev.stockwatch.job.TestEvents.emailProfile;
import static dev.stockwatch.job.TestEvents.order;
import static dev.stockwatch.job.TestEvents.profile;
import static dev.stockwatch.job.TestEvents.pushProfile;
import static dev.stockwatch.job.TestEvents.released;
import static dev.stockwatch.job.TestEvents.releasedInEpisode;
import static dev.stockwatch.job.TestEvents.soldOut;
import static dev.stockwatch.job.TestEvents.soldOutAgain;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link SentReleaseWatch} (SPEC §5): a sold_out_again goes out only for a release whose
 * back_in_stock was sent; each sent release is watched for {@code soldout.window} (7 d) after it
 * was sent, until its sold_out_again, or until an order of the sku ends it.
 */
class SentReleaseWatchTest extends DeliveryOperatorTest {
    SentReleaseWatchTest() {
        super(EACH_RELEASE_AT_ONCE);
    }

    @Test
    void aSoldOutAgainAtTheEndOfTheWindowGoesOutAndAnUnansweredWatchEndsRightAfterIt() throws Exception {
        send(profile(emailProfile("c-a", "UTC"), "08:00"), profile(emailProfile("c-b", "UTC"), "08:00"),
                released("c-a", "mixer", "10:00"), released("c-b", "mixer", "10:00"),
                soldOutAgain("c-a", "mixer", "10:00", "2026-11-27T10:00:00Z"));
        assertForgottenExactlyAt("sent-releases", "2026-11-27T10:00:00.001Z");
        assertThat(decisions()).containsExactlyInAnyOrder(
                "email back_in_stock c-a [mixer] 2026-11-20T10:00:00Z",
                "email back_in_stock c-b [mixer] 2026-11-20T10:00:00Z",
                "email sold_out_again c-a [mixer] 2026-11-27T10:00:00Z");

        assertEverythingForgottenBy("2027-01-01T00:00:00Z");
    }

    @Test
    void aSoldOutAgainOfABackInStockStillHeldIsNotNotified() throws Exception {
        // a push released at 22:30 in Warsaw is held until 08:00; the sku sells out again at midnight
        send(profile(pushProfile("c-p", "Europe/Warsaw"), "08:00"), released("c-p", "mixer", "21:30"),
                soldOut("c-p", "mixer", "21:30", "23:00"), soldOutAgain("c-p", "mixer", "21:30", "23:00"));
        assertThat(decisionsBy("2026-11-21T07:00:00Z")).containsExactly(
                "suppressed sold_out_again c-p [mixer] 2026-11-20T23:00:00Z not_notified",
                "suppressed back_in_stock c-p [mixer] 2026-11-21T07:00:00Z sold_out");
        assertThat(keysHolding("sent-releases")).isZero();
        assertEverythingForgotten();
    }

    @Test
    void anOrderOfTheSkuEndsTheWatchAtOnce() throws Exception {
        send(profile(emailProfile("c-a", "UTC"), "08:00"), released("c-a", "mixer", "10:00"), order("c-a", "mixer", "12:00"));
        assertForgottenExactlyAt("sent-releases", "12:00");
        assertThat(decisions()).containsExactly("email back_in_stock c-a [mixer] 2026-11-20T10:00:00Z");

        assertEverythingForgottenBy("2028-01-01T00:00:00Z");
    }

    @Test
    void aReleaseToldTwiceIsWatchedFromEachTimeItWasSent() throws Exception {
        // the mixer is told at 10:00, and again with a blender at 10:30 (a second release in the same episode)
        send(profile(emailProfile("c-a", "UTC"), "08:00"), released("c-a", "mixer", "10:00"),
                releasedInEpisode("c-a", "mixer", "10:00", "10:30"), released("c-a", "blender", "10:30"),
                soldOutAgain("c-a", "mixer", "10:00", "2026-11-27T10:15:00Z"));
        assertThat(decisionsBy("2026-11-27T10:15:00Z")).as("after the first watch ended, the second goes on").containsExactly(
                "email back_in_stock c-a [mixer] 2026-11-20T10:00:00Z",
                "email back_in_stock c-a [blender, mixer] 2026-11-20T10:30:00Z",
                "email sold_out_again c-a [mixer] 2026-11-27T10:15:00Z");
        assertForgottenExactlyAt("sent-releases", "2026-11-27T10:30:00.001Z");

        assertEverythingForgottenBy("2027-01-01T00:00:00Z");
    }

    @Test
    void aReleaseToldTwiceAtTheSameInstantIsForgottenTwiceAndASoldOutAgainAfterThatIsNotNotified() throws Exception {
        // two pushes of the same mixer release held overnight in Warsaw both go out at 08:00 local
        send(profile(pushProfile("c-p", "Europe/Warsaw"), "08:00"), releasedInEpisode("c-p", "mixer", "21:30", "21:30"),
                releasedInEpisode("c-p", "mixer", "21:30", "22:00"), released("c-p", "blender", "22:00"));
        assertThat(decisionsBy("2026-11-21T07:00:00Z")).containsExactly(
                "push back_in_stock c-p [mixer] 2026-11-21T07:00:00Z",
                "push back_in_stock c-p [blender, mixer] 2026-11-21T07:00:00Z");
        assertForgottenExactlyAt("sent-releases", "2026-11-28T07:00:00.001Z");
        send(soldOutAgain("c-p", "mixer", "21:30", "2027-06-02T00:00:00Z"));
        assertThat(decisionsBy("2027-06-02T00:00:00Z")).last()
                .isEqualTo("suppressed sold_out_again c-p [mixer] 2027-06-02T00:00:00Z not_notified");

        assertEverythingForgottenBy("2028-01-01T00:00:00Z");
    }
}
