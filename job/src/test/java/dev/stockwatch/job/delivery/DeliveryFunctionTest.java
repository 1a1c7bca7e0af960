package dev.stockwatch.job.delivery;

import static dev.stockwatch.job.TestEvents.emailProfile;
import static dev.stockwatch.job.TestEvents.order;
import static dev.stockwatch.job.TestEvents.profile;
import static dev.stockwatch.job.TestEvents.pushProfile;
import static dev.stockwatch.job.TestEvents.released;
import static dev.stockwatch.job.TestEvents.soldOut;
import static dev.stockwatch.job.TestEvents.soldOutAgain;
import static dev.stockwatch.job.TestEvents.t;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockwatch.job.HarnessState;
import dev.stockwatch.job.model.CustomerInput;
import dev.stockwatch.job.model.OutputRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.stockwatch.job.model.ShopEvent;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeliveryFunctionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private KeyedBroadcastOperatorTestHarness<String, CustomerInput, ShopEvent, OutputRecord> harness;

    private void open(Map<String, String> overrides) throws Exception {
        harness = DeliveryOperatorTest.harness(overrides);
    }

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private void send(CustomerInput... inputs) throws Exception {
        for (CustomerInput input : inputs) {
            harness.processElement(input, input.key().at());
        }
    }

    private void watermark(String time) throws Exception {
        harness.watermark(t(time));
    }

    /** "topic kind customer skus eventTime [reason]" per output record, in output order. */
    private List<String> outputs() throws Exception {
        List<String> out = new ArrayList<>();
        for (OutputRecord r : harness.extractOutputValues()) {
            JsonNode n = JSON.readTree(r.json());
            List<String> skus = new ArrayList<>();
            n.path(n.has("items") ? "items" : "skus").forEach(i -> skus.add(i.isTextual() ? i.asText() : i.path("sku").asText()));
            out.add(r.topic() + " " + n.path("kind").asText() + " " + n.path("customerId").asText() + " " + skus + " "
                    + n.path("eventTime").asText() + (n.has("reason") ? " " + n.path("reason").asText() : ""));
        }
        return out;
    }

    @Test
    void releasesWithinTheBatchWindowGoOutAsOneNotificationAndNothingIsLeftPending() throws Exception {
        open(Map.of());
        send(profile(emailProfile("c-a", "Europe/Warsaw"), "08:00"),
                released("c-a", "mixer", "10:00"), released("c-a", "blender", "10:01"), released("c-a", "kettle", "10:01:01"));
        watermark("10:01");
        assertThat(outputs()).containsExactly("email back_in_stock c-a [blender, mixer] 2026-11-20T10:01:00Z");
        watermark("10:02:01");
        assertThat(outputs()).endsWith("email back_in_stock c-a [kettle] 2026-11-20T10:02:01Z");
        watermark("2026-12-31T00:00:00Z");
        assertThat(harness.numEventTimeTimers()).as("batch, cap and sent-release timers all fired").isZero();
    }

    @Test
    void unknownCustomerAndNoReachableChannelAreSuppressed() throws Exception {
        open(Map.of("notify.batch-window", "0 s"));
        var noConsent = new dev.stockwatch.udfs.event.CustomerProfile("c-b", "b@example.com", null, null, null, null,
                dev.stockwatch.udfs.event.Consent.NONE, "UTC", null, null, null, 0L);
        send(profile(noConsent, "08:00"), released("c-b", "mixer", "10:00"), released("c-x", "mixer", "10:00"));
        watermark("10:00");
        assertThat(outputs()).containsExactlyInAnyOrder(
                "suppressed back_in_stock c-b [mixer] 2026-11-20T10:00:00Z no_reachable_channel",
                "suppressed back_in_stock c-x [mixer] 2026-11-20T10:00:00Z unknown_customer");
    }

    @Test
    void aPushAt2230WarsawIsHeldUntil0800LocalThenSentAndLeavesNoHeldState() throws Exception {
        open(Map.of("notify.batch-window", "0 s"));
        // 21:30 UTC = 22:30 in Warsaw (CET, UTC+1)
        send(profile(pushProfile("c-p", "Europe/Warsaw"), "08:00"), released("c-p", "mixer", "21:30"));
        watermark("21:30");
        assertThat(outputs()).isEmpty();
        watermark("2026-11-21T06:59:59Z");
        assertThat(outputs()).isEmpty();
        watermark("2026-11-21T07:00:00Z");
        assertThat(outputs()).containsExactly("push back_in_stock c-p [mixer] 2026-11-21T07:00:00Z");
        JsonNode n = JSON.readTree(harness.extractOutputValues().get(0).json());
        assertThat(n.path("triggeredAt").asText()).isEqualTo("2026-11-20T21:30:00Z");

        watermark("2027-01-01T00:00:00Z");
        assertThat(HarnessState.keyedStateEntries(harness)).as("cap, dedupe and sent-release windows passed: only the profile")
                .isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void heldNotificationsReleasedAtTheSameInstantMeetTheCapInTheOrderTheyWereHeld() throws Exception {
        // four pushes held overnight, one a cap allows at 08:00: the one held first goes, whatever its id
        for (String first : List.of("mixer", "blender", "kettle", "toaster")) {
            open(Map.of("notify.batch-window", "0 s", "cap.max", "1"));
            List<String> skus = new ArrayList<>(List.of("mixer", "blender", "kettle", "toaster"));
            skus.remove(first);
            skus.add(0, first);
            send(profile(pushProfile("c-p", "Europe/Warsaw"), "08:00"));
            for (int i = 0; i < skus.size(); i++) {
                send(released("c-p", skus.get(i), List.of("20:30", "21:00", "21:30", "22:00").get(i)));
            }
            watermark("2026-11-21T07:00:00Z");
            assertThat(outputs()).as("held first: " + first).containsExactly(
                    "push back_in_stock c-p [" + first + "] 2026-11-21T07:00:00Z",
                    "suppressed back_in_stock c-p [" + skus.get(1) + "] 2026-11-21T07:00:00Z frequency_cap",
                    "suppressed back_in_stock c-p [" + skus.get(2) + "] 2026-11-21T07:00:00Z frequency_cap",
                    "suppressed back_in_stock c-p [" + skus.get(3) + "] 2026-11-21T07:00:00Z frequency_cap");
            close();
        }
    }

    @Test
    void emailIsExemptFromQuietHours() throws Exception {
        open(Map.of("notify.batch-window", "0 s"));
        send(profile(emailProfile("c-e", "Europe/Warsaw"), "08:00"), released("c-e", "mixer", "23:00"));
        watermark("23:00");
        assertThat(outputs()).containsExactly("email back_in_stock c-e [mixer] 2026-11-20T23:00:00Z");
    }

    @Test
    void aHeldBackInStockWhoseSkuSellsOutOvernightIsSuppressedAtRelease() throws Exception {
        open(Map.of("notify.batch-window", "0 s"));
        send(profile(pushProfile("c-p", "Europe/Warsaw"), "08:00"), released("c-p", "mixer", "21:30"),
                soldOut("c-p", "mixer", "21:30", "23:00"));
        watermark("2026-11-21T07:00:00Z");
        assertThat(outputs()).containsExactly("suppressed back_in_stock c-p [mixer] 2026-11-21T07:00:00Z sold_out");
        watermark("2026-12-31T00:00:00Z");
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void anOrderWithinTheBatchWindowDropsTheSku() throws Exception {
        open(Map.of());
        send(profile(emailProfile("c-a", "UTC"), "08:00"), released("c-a", "mixer", "10:00"),
                released("c-a", "blender", "10:00:10"), order("c-a", "mixer", "10:00:30"));
        watermark("10:01");
        assertThat(outputs()).containsExactly("email back_in_stock c-a [blender] 2026-11-20T10:01:00Z");
    }

    @Test
    void aFourthNotificationWithin24HoursIsCappedAndOne24HoursAnd1SecondAfterTheFirstIsSent() throws Exception {
        open(Map.of("notify.batch-window", "0 s"));
        send(profile(emailProfile("c-a", "UTC"), "00:00"), released("c-a", "s1", "09:00"), released("c-a", "s2", "10:00"),
                released("c-a", "s3", "11:00"), released("c-a", "s4", "12:00"),
                released("c-a", "s5", "2026-11-21T09:00:01Z"));
        watermark("2026-11-21T10:00:00Z");
        assertThat(outputs()).containsExactly(
                "email back_in_stock c-a [s1] 2026-11-20T09:00:00Z",
                "email back_in_stock c-a [s2] 2026-11-20T10:00:00Z",
                "email back_in_stock c-a [s3] 2026-11-20T11:00:00Z",
                "suppressed back_in_stock c-a [s4] 2026-11-20T12:00:00Z frequency_cap",
                "email back_in_stock c-a [s5] 2026-11-21T09:00:01Z");
    }

    @Test
    void soldOutAgainGoesOnlyToCustomersWhoseBackInStockWasSent() throws Exception {
        open(Map.of("notify.batch-window", "0 s"));
        send(profile(emailProfile("c-a", "UTC"), "08:00"), released("c-a", "mixer", "10:00"),
                released("c-n", "mixer", "10:00"),
                soldOut("c-a", "mixer", "10:00", "12:00"), soldOutAgain("c-a", "mixer", "10:00", "12:00"),
                soldOut("c-n", "mixer", "10:00", "12:00"), soldOutAgain("c-n", "mixer", "10:00", "12:00"));
        watermark("12:00");
        assertThat(outputs()).containsExactlyInAnyOrder(
                "email back_in_stock c-a [mixer] 2026-11-20T10:00:00Z",
                "suppressed back_in_stock c-n [mixer] 2026-11-20T10:00:00Z unknown_customer",
                "email sold_out_again c-a [mixer] 2026-11-20T12:00:00Z",
                "suppressed sold_out_again c-n [mixer] 2026-11-20T12:00:00Z not_notified");
        JsonNode n = JSON.readTree(harness.extractOutputValues().stream()
                .filter(r -> r.kind().equals("sold_out_again") && r.topic().equals("email")).findFirst().orElseThrow().json());
        assertThat(n.path("links").path("resubscribe").asText()).isEqualTo("https://shop.example/notify/subscribe?sku=mixer");
    }

    @Test
    void theSameNotificationIdIsNeverEmittedTwice() throws Exception {
        open(Map.of("notify.batch-window", "0 s"));
        // released twice in the same episode (a subscribe while in stock after the first release)
        send(profile(emailProfile("c-a", "UTC"), "08:00"));
        var first = dev.stockwatch.job.TestEvents.signal(dev.stockwatch.job.model.SignalType.RELEASED, "c-a", "mixer", t("10:00"), "10:00");
        var again = dev.stockwatch.job.TestEvents.signal(dev.stockwatch.job.model.SignalType.RELEASED, "c-a", "mixer", t("10:00"), "10:30");
        send(CustomerInput.signal(first), CustomerInput.signal(again));
        watermark("11:00");
        assertThat(outputs()).containsExactly(
                "email back_in_stock c-a [mixer] 2026-11-20T10:00:00Z",
                "suppressed back_in_stock c-a [mixer] 2026-11-20T10:30:00Z duplicate");
    }

    @Test
    void aSecondReleaseInTheSameEpisodeToldInASentBatchGetsADuplicateNotNotNotified() throws Exception {
        open(Map.of("notify.batch-window", "0 s", "cap.max", "10"));
        send(profile(emailProfile("c-a", "UTC"), "08:00"), released("c-a", "mixer", "10:00"));
        var again = dev.stockwatch.job.TestEvents.signal(dev.stockwatch.job.model.SignalType.RELEASED, "c-a", "mixer", t("10:00"), "10:30");
        send(released("c-a", "blender", "10:30"), CustomerInput.signal(again));
        send(soldOut("c-a", "mixer", "10:00", "11:00"), soldOutAgain("c-a", "mixer", "10:00", "11:00"),
                soldOutAgain("c-a", "mixer", "10:00", "11:00"));
        watermark("11:00");
        assertThat(outputs()).containsExactly(
                "email back_in_stock c-a [mixer] 2026-11-20T10:00:00Z",
                "email back_in_stock c-a [blender, mixer] 2026-11-20T10:30:00Z",
                "email sold_out_again c-a [mixer] 2026-11-20T11:00:00Z",
                "suppressed sold_out_again c-a [mixer] 2026-11-20T11:00:00Z duplicate");
        send(order("c-a", "mixer", "11:30"));
        watermark("2028-01-01T00:00:00Z");
        assertThat(harness.numEventTimeTimers()).as("sent releases, emissions and orders (after 365 d) forgotten").isZero();
    }

    @Test
    void anIdIsADuplicateWithinDedupeRetentionOfItsFirstEmissionAndForgottenAfter() throws Exception {
        open(Map.of("notify.batch-window", "0 s", "dedupe.retention", "2 d"));
        send(profile(emailProfile("c-a", "UTC"), "08:00"));
        // the same episode told three times: within the retention a duplicate, at exactly 2 d forgotten
        for (String at : List.of("10:00", "2026-11-22T09:59:59.999Z", "2026-11-22T10:00:00Z")) {
            send(CustomerInput.signal(dev.stockwatch.job.TestEvents.signal(
                    dev.stockwatch.job.model.SignalType.RELEASED, "c-a", "mixer", t("10:00"), at)));
        }
        watermark("2026-11-22T10:00:00Z");
        assertThat(outputs()).containsExactly(
                "email back_in_stock c-a [mixer] 2026-11-20T10:00:00Z",
                "suppressed back_in_stock c-a [mixer] 2026-11-22T09:59:59.999Z duplicate",
                "email back_in_stock c-a [mixer] 2026-11-22T10:00:00Z");
        assertThat(outputs().get(0).split(" ")[0]).isEqualTo("email");

        watermark("2026-12-31T00:00:00Z");
        assertThat(HarnessState.keyedStateEntries(harness)).as("ids, emissions and sent releases forgotten: only the profile")
                .isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
