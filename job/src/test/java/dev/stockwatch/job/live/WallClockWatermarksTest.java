package dev.stockwatch.job.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockwatch.job.io.KafkaInputs.WallClockWatermarks;
import dev.stockwatch.job.model.ShopEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.ManualClock;
import org.junit.jupiter.api.Test;

/** The live watermark of one partition, on a hand-driven clock. */
class WallClockWatermarksTest {
    private static final long DELAY = 10_000;
    private static final long IDLE = 30_000;
    private static final long WALL_START = 1_800_000_000_000L;

    private final ManualClock clock = new ManualClock(WALL_START * 1_000_000);
    private final Output out = new Output();
    private final WallClockWatermarks watermarks =
            new WallClockWatermarks(DELAY, IDLE, clock, clock::absoluteTimeMillis);

    @Test
    void followsTheEventsWhileTheyArriveMinusTheMaxDelay() {
        event(WALL_START - 60_000);
        event(WALL_START - 50_000);
        event(WALL_START - 55_000);
        watermarks.onPeriodicEmit(out);
        assertThat(out.last()).isEqualTo(WALL_START - 50_000 - DELAY - 1);
    }

    @Test
    void followsTheWallClockOnceSilentForTheIdleTimeoutAndNeverGoesBack() {
        event(WALL_START - 3_600_000);
        watermarks.onPeriodicEmit(out);
        assertThat(out.last()).isEqualTo(WALL_START - 3_600_000 - DELAY - 1);

        advance(IDLE - 1);
        watermarks.onPeriodicEmit(out);
        assertThat(out.last()).as("not silent long enough yet").isEqualTo(WALL_START - 3_600_000 - DELAY - 1);

        advance(1);
        watermarks.onPeriodicEmit(out);
        assertThat(out.last()).isEqualTo(WALL_START + IDLE - DELAY);

        advance(60_000);
        watermarks.onPeriodicEmit(out);
        assertThat(out.last()).as("a quiet night: event time keeps up with the clock").isEqualTo(WALL_START + IDLE + 60_000 - DELAY);

        long before = out.last();
        event(WALL_START); // an old event arrives: late, and the watermark stays where it was
        watermarks.onPeriodicEmit(out);
        assertThat(out.last()).isEqualTo(before);
        assertThat(out.watermarks).isSorted();
    }

    @Test
    void eventsAheadOfTheWallClockLeadTheWatermarkWhileTheyArrive() {
        event(WALL_START + 3_600_000);
        watermarks.onPeriodicEmit(out);
        assertThat(out.last()).isEqualTo(WALL_START + 3_600_000 - DELAY - 1);
        advance(IDLE);
        watermarks.onPeriodicEmit(out);
        assertThat(out.last()).isEqualTo(WALL_START + 3_600_000 - DELAY - 1);
    }

    @Test
    void deadLettersNeitherMoveEventTimeNorCountAsActivity() {
        event(WALL_START - 100_000);
        watermarks.onPeriodicEmit(out);
        advance(IDLE / 2);
        deadLetter();
        advance(IDLE / 2);
        deadLetter();
        watermarks.onPeriodicEmit(out);
        assertThat(out.last()).isEqualTo(WALL_START + IDLE - DELAY);
    }

    @Test
    void aPartitionWithoutEventsIsMarkedIdleAfterTheTimeoutAndWokenByAnEvent() {
        watermarks.onPeriodicEmit(out);
        assertThat(out.idle).isFalse();
        assertThat(out.watermarks).isEmpty();
        advance(IDLE);
        watermarks.onPeriodicEmit(out);
        assertThat(out.idle).isTrue();
        assertThat(out.watermarks).as("never the wall clock before a first event").isEmpty();

        advance(IDLE * 10);
        event(WALL_START - 5_000);
        assertThat(out.idle).isFalse();
        watermarks.onPeriodicEmit(out);
        assertThat(out.last()).isEqualTo(WALL_START - 5_000 - DELAY - 1);
    }

    private void event(long at) {
        watermarks.onEvent(null, at, out);
    }

    private void deadLetter() {
        watermarks.onEvent(ShopEvent.rejected(null, null), Long.MIN_VALUE, out);
    }

    private void advance(long millis) {
        clock.advanceTime(java.time.Duration.ofMillis(millis));
    }

    private static final class Output implements WatermarkOutput {
        final List<Long> watermarks = new ArrayList<>();
        boolean idle;

        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks.add(watermark.getTimestamp());
            idle = false;
        }

        @Override
        public void markIdle() {
            idle = true;
        }

        @Override
        public void markActive() {
            idle = false;
        }

        long last() {
            return watermarks.get(watermarks.size() - 1);
        }
    }
}
