package dev.stockwatch.job.delivery;

import static dev.stockwatch.job.TestEvents.emailProfile;
import static dev.stockwatch.job.TestEvents.order;
import static dev.stockwatch.job.TestEvents.profile;
import static dev.stockwatch.job.TestEvents.released;
import static dev.stockwatch.job.TestEvents.soldOut;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link BatchWindow} (SPEC §4): a customer's releases from t0 up to and including t0 +
 * {@code notify.batch-window} (60 s) go out as one notification decided at t0 + 60 s, without
 * the skus that sold out or were ordered since their release, up to that very instant.
 */
class BatchWindowTest extends DeliveryOperatorTest {
    @Test
    void aReleaseExactlyAtTheWindowEndJoinsTheBatchAndOneAMillisecondLaterOpensTheNext() throws Exception {
        send(profile(emailProfile("c-a", "UTC"), "08:00"), released("c-a", "mixer", "10:00"),
                released("c-a", "blender", "10:01"), released("c-a", "kettle", "10:01:00.001"));
        assertForgottenExactlyAt("batch", "10:01");
        assertThat(decisions()).containsExactly("email back_in_stock c-a [blender, mixer] 2026-11-20T10:01:00Z");

        assertForgottenExactlyAt("batch", "10:02:00.001");
        assertThat(decisions()).last().isEqualTo("email back_in_stock c-a [kettle] 2026-11-20T10:02:00.001Z");

        assertEverythingForgottenBy("2027-01-01T00:00:00Z");
    }

    @Test
    void aSellOutOrAnOrderUpToTheDecisionInstantDropsTheSkuOneAMillisecondLaterDoesNot() throws Exception {
        send(profile(emailProfile("c-a", "UTC"), "08:00"), released("c-a", "mixer", "10:00"),
                released("c-a", "blender", "10:00:10"), released("c-a", "kettle", "10:00:20"),
                soldOut("c-a", "mixer", "10:00", "10:01"), order("c-a", "kettle", "10:00:30"),
                soldOut("c-a", "blender", "10:00:10", "10:01:00.001"));
        send(profile(emailProfile("c-b", "UTC"), "08:00"), released("c-b", "mixer", "10:00"),
                soldOut("c-b", "mixer", "10:00", "10:00:30"));
        send(profile(emailProfile("c-c", "UTC"), "08:00"), released("c-c", "mixer", "10:00"),
                order("c-c", "mixer", "10:01"));
        assertThat(decisionsBy("10:01:00.001")).containsExactlyInAnyOrder(
                "email back_in_stock c-a [blender] 2026-11-20T10:01:00Z",
                "suppressed back_in_stock c-b [mixer] 2026-11-20T10:01:00Z sold_out",
                "suppressed back_in_stock c-c [mixer] 2026-11-20T10:01:00Z ordered");
        assertThat(keysHolding("batch")).isZero();

        assertEverythingForgottenBy("2028-01-01T00:00:00Z");
    }

    @Test
    void aZeroWindowBatchesOnlyTheReleasesOfTheSameInstant() throws Exception {
        reopen(Map.of("notify.batch-window", "0 s"));
        send(released("c-x", "mixer", "10:00"), released("c-x", "blender", "10:00"),
                released("c-x", "kettle", "10:00:00.001"));
        assertThat(decisionsBy("10:00"))
                .containsExactly("suppressed back_in_stock c-x [blender, mixer] 2026-11-20T10:00:00Z unknown_customer");
        assertThat(decisionsBy("10:00:00.001")).last()
                .isEqualTo("suppressed back_in_stock c-x [kettle] 2026-11-20T10:00:00.001Z unknown_customer");
        assertEverythingForgotten();
    }
}
