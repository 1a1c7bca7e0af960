package dev.stockwatch.udfs.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SPEC §7 quiet hours: [start, end) in the customer's local time, DST-aware. */
class QuietHoursTest {
    private static final String WARSAW = "Europe/Warsaw";
    private static final String NEW_YORK = "America/New_York";
    private static final QuietHours DEFAULT = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0),
            List.of(Channel.SMS, Channel.PUSH, Channel.VIBER, Channel.WHATSAPP));

    private static long t(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void appliesToTheConfiguredChannelsOnly() {
        assertThat(DEFAULT.appliesTo(Channel.PUSH)).isTrue();
        assertThat(DEFAULT.appliesTo(Channel.SMS)).isTrue();
        assertThat(DEFAULT.appliesTo(Channel.EMAIL)).isFalse();
        assertThat(new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0), List.of()).appliesTo(Channel.PUSH)).isFalse();
    }

    @Test
    void warsawWinterHeldAt2230LocalAndReleasedAt0800Local() {
        long at = t("2026-11-20T21:30:00Z"); // 22:30 CET (UTC+1)
        assertThat(DEFAULT.isQuiet(at, WARSAW)).isTrue();
        assertThat(DEFAULT.releaseTime(at, WARSAW)).isEqualTo(t("2026-11-21T07:00:00Z")); // 08:00 CET
    }

    @Test
    void warsawSummerUsesTheSummerOffset() {
        long at = t("2026-07-01T20:30:00Z"); // 22:30 CEST (UTC+2)
        assertThat(DEFAULT.isQuiet(at, WARSAW)).isTrue();
        assertThat(DEFAULT.releaseTime(at, WARSAW)).isEqualTo(t("2026-07-02T06:00:00Z")); // 08:00 CEST
        // 20:30 local is not quiet although it is 18:30 UTC
        assertThat(DEFAULT.isQuiet(t("2026-07-01T18:30:00Z"), WARSAW)).isFalse();
    }

    @Test
    void earlyMorningIsReleasedTheSameDay() {
        long at = t("2026-11-21T02:00:00Z"); // 03:00 CET
        assertThat(DEFAULT.isQuiet(at, WARSAW)).isTrue();
        assertThat(DEFAULT.releaseTime(at, WARSAW)).isEqualTo(t("2026-11-21T07:00:00Z"));
    }

    @ParameterizedTest(name = "{0} local -> quiet {1}")
    @CsvSource({
            "2026-11-20T19:59:59.999Z, false", // 20:59:59.999
            "2026-11-20T20:00:00Z, true", // 21:00 start is inside
            "2026-11-20T23:00:00Z, true", // 00:00
            "2026-11-21T06:59:59.999Z, true", // 07:59:59.999
            "2026-11-21T07:00:00Z, false", // 08:00 end is outside
            "2026-11-21T11:00:00Z, false", // 12:00
    })
    void boundariesInWarsaw(String instant, boolean quiet) {
        assertThat(DEFAULT.isQuiet(t(instant), WARSAW)).isEqualTo(quiet);
    }

    @Test
    void theSameInstantIsQuietInOneZoneAndNotInAnother() {
        long at = t("2026-11-22T20:30:00Z"); // 21:30 in Warsaw, 15:30 in New York
        assertThat(DEFAULT.isQuiet(at, WARSAW)).isTrue();
        assertThat(DEFAULT.isQuiet(at, NEW_YORK)).isFalse();
        assertThat(DEFAULT.isQuiet(at, "UTC")).isFalse(); // 20:30 UTC
    }

    @Test
    void newYork() {
        long at = t("2026-11-23T03:00:00Z"); // 22:00 EST on 22 Nov
        assertThat(DEFAULT.isQuiet(at, NEW_YORK)).isTrue();
        assertThat(DEFAULT.releaseTime(at, NEW_YORK)).isEqualTo(t("2026-11-23T13:00:00Z")); // 08:00 EST
        assertThat(DEFAULT.isQuiet(t("2026-11-23T13:00:00Z"), NEW_YORK)).isFalse();
        assertThat(DEFAULT.isQuiet(t("2026-11-23T12:59:00Z"), NEW_YORK)).isTrue();
    }

    @Test
    void newYorkSummer() {
        long at = t("2026-07-02T02:00:00Z"); // 22:00 EDT on 1 July
        assertThat(DEFAULT.isQuiet(at, NEW_YORK)).isTrue();
        assertThat(DEFAULT.releaseTime(at, NEW_YORK)).isEqualTo(t("2026-07-02T12:00:00Z")); // 08:00 EDT
    }

    @Test
    void warsawNightOfTheAutumnClockChange() {
        // 2026-10-25 03:00 CEST becomes 02:00 CET: the night is one hour longer
        long at = t("2026-10-24T20:30:00Z"); // 22:30 CEST
        assertThat(DEFAULT.isQuiet(at, WARSAW)).isTrue();
        assertThat(DEFAULT.releaseTime(at, WARSAW)).isEqualTo(t("2026-10-25T07:00:00Z")); // 08:00 CET
        assertThat(DEFAULT.isQuiet(t("2026-10-25T06:30:00Z"), WARSAW)).isTrue(); // 07:30 CET
        assertThat(DEFAULT.isQuiet(t("2026-10-25T07:00:00Z"), WARSAW)).isFalse();
        // held in the repeated hour
        long repeated = t("2026-10-25T00:30:00Z"); // 02:30 CEST, first pass
        assertThat(DEFAULT.releaseTime(repeated, WARSAW)).isEqualTo(t("2026-10-25T07:00:00Z"));
        long repeatedAgain = t("2026-10-25T01:30:00Z"); // 02:30 CET, second pass
        assertThat(DEFAULT.releaseTime(repeatedAgain, WARSAW)).isEqualTo(t("2026-10-25T07:00:00Z"));
    }

    @Test
    void warsawNightOfTheSpringClockChange() {
        // 2026-03-29 02:00 CET becomes 03:00 CEST: the night is one hour shorter
        long at = t("2026-03-28T21:30:00Z"); // 22:30 CET
        assertThat(DEFAULT.isQuiet(at, WARSAW)).isTrue();
        assertThat(DEFAULT.releaseTime(at, WARSAW)).isEqualTo(t("2026-03-29T06:00:00Z")); // 08:00 CEST
        assertThat(DEFAULT.isQuiet(t("2026-03-29T05:30:00Z"), WARSAW)).isTrue(); // 07:30 CEST
        assertThat(DEFAULT.isQuiet(t("2026-03-29T06:00:00Z"), WARSAW)).isFalse(); // 08:00 CEST
        assertThat(DEFAULT.isQuiet(t("2026-03-29T06:30:00Z"), WARSAW)).isFalse(); // 08:30 CEST, 07:30 in CET
    }

    @Test
    void anEndInsideTheSpringGapReleasesWhenTheGapEnds() {
        // quiet until 02:30, which does not exist on 2026-03-29 in Warsaw: 01:59:59 CET is followed by 03:00 CEST
        QuietHours q = new QuietHours(LocalTime.of(22, 0), LocalTime.of(2, 30), List.of(Channel.PUSH));
        long at = t("2026-03-29T00:30:00Z"); // 01:30 CET
        assertThat(q.isQuiet(at, WARSAW)).isTrue();
        long release = q.releaseTime(at, WARSAW);
        assertThat(release).isEqualTo(t("2026-03-29T01:00:00Z")); // 03:00 CEST
        assertThat(q.isQuiet(release, WARSAW)).isFalse();
        assertThat(q.isQuiet(release - 1, WARSAW)).isTrue();
    }

    @Test
    void anEndInsideTheAutumnOverlapIsNeverBeforeTheHeldInstant() {
        // quiet until 02:30; on 2026-10-25 in Warsaw 02:00-03:00 local happens twice
        QuietHours q = new QuietHours(LocalTime.of(22, 0), LocalTime.of(2, 30), List.of(Channel.PUSH));
        long firstPass = t("2026-10-25T00:15:00Z"); // 02:15 CEST
        assertThat(q.isQuiet(firstPass, WARSAW)).isTrue();
        assertThat(q.releaseTime(firstPass, WARSAW)).isEqualTo(t("2026-10-25T00:30:00Z")); // 02:30 CEST
        long secondPass = t("2026-10-25T01:15:00Z"); // 02:15 CET: quiet again in local time
        assertThat(q.isQuiet(secondPass, WARSAW)).isTrue();
        assertThat(q.releaseTime(secondPass, WARSAW)).isEqualTo(t("2026-10-25T01:30:00Z")); // 02:30 CET
    }

    @Test
    void startEqualToEndMeansNeverQuiet() {
        QuietHours never = new QuietHours(LocalTime.of(8, 0), LocalTime.of(8, 0), List.of(Channel.PUSH));
        for (int hour = 0; hour < 24; hour++) {
            long at = t("2026-11-22T00:00:00Z") + hour * 3_600_000L;
            assertThat(never.isQuiet(at, "UTC")).as("hour %d", hour).isFalse();
        }
    }

    @ParameterizedTest(name = "{0} -> quiet {1}")
    @CsvSource({
            "2026-11-22T11:59:59Z, false",
            "2026-11-22T12:00:00Z, true",
            "2026-11-22T13:59:59Z, true",
            "2026-11-22T14:00:00Z, false",
            "2026-11-22T23:00:00Z, false",
            "2026-11-22T03:00:00Z, false",
    })
    void aWindowThatDoesNotWrapMidnight(String instant, boolean quiet) {
        QuietHours lunch = new QuietHours(LocalTime.of(12, 0), LocalTime.of(14, 0), List.of(Channel.PUSH));
        assertThat(lunch.isQuiet(t(instant), "UTC")).isEqualTo(quiet);
    }

    @Test
    void aWindowThatDoesNotWrapReleasesTheSameDay() {
        QuietHours lunch = new QuietHours(LocalTime.of(12, 0), LocalTime.of(14, 0), List.of(Channel.PUSH));
        assertThat(lunch.releaseTime(t("2026-11-22T13:00:00Z"), "UTC")).isEqualTo(t("2026-11-22T14:00:00Z"));
        assertThat(lunch.releaseTime(t("2026-11-22T12:00:00Z"), "UTC")).isEqualTo(t("2026-11-22T14:00:00Z"));
    }

    @Test
    void heldAtExactlyTheStartIsReleasedAtTheNextEnd() {
        long at = t("2026-11-22T21:00:00Z");
        assertThat(DEFAULT.isQuiet(at, "UTC")).isTrue();
        assertThat(DEFAULT.releaseTime(at, "UTC")).isEqualTo(t("2026-11-23T08:00:00Z"));
    }
}
