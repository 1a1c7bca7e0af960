package dev.stockwatch.job.io;

import dev.stockwatch.job.model.ShopEvent;
import dev.stockwatch.job.graph.InputSource;
import dev.stockwatch.udfs.config.StockwatchConfig;
import dev.stockwatch.udfs.event.Topic;
import dev.stockwatch.udfs.output.DeadLetter;
import java.time.Duration;
import java.util.Properties;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.flink.util.clock.RelativeClock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * Live input: one {@link KafkaSource} per input topic (SPEC §2, §11).
 *
 * <p>Each record's value is read as UTF-8 text and parsed with {@link InputParsing}, so a record
 * that is not valid becomes a dead letter that names its topic, partition and offset; an {@code
 * at} more than {@code input.max-future} ahead of the wall clock at the moment the record is read
 * is rejected too. A record without a value (a tombstone) is a dead letter as well. A new
 * consumer group starts at the earliest offset; afterwards the offsets come from the checkpoint
 * (and are committed to the group on every checkpoint, for lag monitoring only).
 *
 * <p><b>Event time.</b> Watermarks are generated per Kafka partition by {@link
 * WallClockWatermarks}:
 *
 * <ul>
 *   <li>While a partition delivers events, its watermark is the bounded out-of-orderness one: the
 *       highest {@code at} seen minus {@code input.max-delay}.
 *   <li>When a partition that has delivered events stays silent for {@code input.idle-timeout},
 *       its watermark follows the wall clock: {@code now - input.max-delay}, never going
 *       backwards. This is how event time keeps moving when the shop is quiet (SPEC §9): a
 *       reminder due at 03:00 goes out at 03:00 plus {@code input.max-delay} even if nobody shops
 *       at night (and reaches {@code read_committed} readers with the next checkpoint). An event that arrives later than {@code input.max-delay} behind the wall
 *       clock on such a partition is late.
 *   <li>A partition that has not delivered a single event since the job (re)started is marked
 *       idle after {@code input.idle-timeout}, like Flink's {@code withIdleness}, so an empty
 *       partition, or a reader that got no partition, does not hold event time back.
 * </ul>
 *
 * <p>Why the wall clock replaces idleness for partitions that have seen events: with plain
 * idleness a silent input stops holding back event time, but when every input is silent nothing
 * moves event time at all and timers never fire. With the wall clock, event time keeps moving;
 * and because a silent partition's watermark is bounded by the wall clock, a burst of events
 * stamped in the future on another partition does not drag event time past the present. Why a
 * partition that never delivered an event is only marked idle, not moved to the wall clock:
 * Flink also asks the strategy for a generator on the reader's main output, which never sees an
 * event; moving that one to the wall clock would move the whole reader there and make a backlog
 * being caught up late. The one case this leaves open: a job restarted onto inputs that then
 * stay completely silent does not advance event time until the first event arrives on any
 * partition (from then on, that partition follows the wall clock whenever it is silent).
 *
 * <p>Dead letters never move event time: their timestamp is {@link Long#MIN_VALUE} and the
 * generator ignores them, so a partition that receives only garbage still counts as silent.
 *
 * <p>For the watermark to advance, every source reader should own at least one partition for an
 * input topic that has data: topics should have at least as many partitions as the job's
 * parallelism (a reader without partitions is only marked idle after {@code input.idle-timeout}).
 */
public final class KafkaInputs implements InputSource {
    private final StockwatchConfig config;

    public KafkaInputs(StockwatchConfig config) {
        this.config = config;
    }

    @Override
    public DataStream<ShopEvent> open(StreamExecutionEnvironment env, Topic topic) {
        String name = config.topic(topic);
        return env.fromSource(source(config, topic), watermarks(config), "kafka " + name)
                .uid("source-" + topic.defaultName());
    }

    /** The source of one input topic. */
    public static KafkaSource<ShopEvent> source(StockwatchConfig config, Topic topic) {
        String name = config.topic(topic);
        Properties properties = new Properties();
        properties.putAll(config.kafkaProperties());
        return KafkaSource.<ShopEvent>builder()
                .setProperties(properties)
                .setBootstrapServers(config.kafkaBootstrapServers)
                .setGroupId(config.kafkaGroupId)
                .setClientIdPrefix(config.kafkaGroupId + "-" + topic.defaultName())
                .setTopics(name)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new ShopEventDeserializer(topic, config.inputMaxFuture))
                .build();
    }

    /** Per-partition watermarks: bounded out-of-orderness, the wall clock when silent (see above). */
    public static WatermarkStrategy<ShopEvent> watermarks(StockwatchConfig config) {
        long maxDelay = config.inputMaxDelay.toMillis();
        long idleTimeout = config.inputIdleTimeout.toMillis();
        return WatermarkStrategy.<ShopEvent>forGenerator(context -> new WallClockWatermarks(
                        maxDelay, idleTimeout, context.getInputActivityClock(), System::currentTimeMillis))
                .withTimestampAssigner((event, kafkaTimestamp) -> event.at());
    }

    /** The record value as text, parsed into an event or a dead letter with partition and offset. */
    public static final class ShopEventDeserializer implements KafkaRecordDeserializationSchema<ShopEvent> {
        private static final long serialVersionUID = 1L;

        private final Topic topic;
        private final long maxFutureMillis;

        public ShopEventDeserializer(Topic topic, Duration maxFuture) {
            this.topic = topic;
            this.maxFutureMillis = maxFuture.toMillis();
        }

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ShopEvent> out) {
            if (record.value() == null) {
                out.collect(ShopEvent.rejected(topic, DeadLetter.of(
                        "record has no value (a tombstone): deleting is not supported", record.topic(),
                        record.partition(), record.offset(), "")));
                return;
            }
            long latestAllowedAt = saturatedAdd(System.currentTimeMillis(), maxFutureMillis);
            out.collect(InputParsing.parse(topic, record.topic(), record.partition(), record.offset(),
                    record.value(), record.value().length, latestAllowedAt));
        }

        @Override
        public TypeInformation<ShopEvent> getProducedType() {
            return TypeInformation.of(ShopEvent.class);
        }

        private static long saturatedAdd(long a, long b) {
            long sum = a + b;
            return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
        }
    }

    /**
     * The watermark of one Kafka partition (see the class comment of {@link KafkaInputs}): bounded
     * out-of-orderness while events arrive, {@code wallClock - maxDelay} once they have not for
     * {@code idleTimeout}, idle if none ever arrived. Never goes backwards.
     */
    public static final class WallClockWatermarks implements WatermarkGenerator<ShopEvent> {
        private final long maxDelay;
        private final long idleTimeout;
        private final RelativeClock activityClock;
        private final LongSupplier wallClock;
        private final long createdAt;

        private boolean seenEvent;
        private long maxTimestamp = Long.MIN_VALUE;
        private long lastEventAt;
        private long emitted = Long.MIN_VALUE;
        private boolean idle;

        /**
         * @param activityClock measures silence; Flink's input activity clock stands still while the
         *     job is back-pressured, so a busy job does not mistake its own backlog for silence
         * @param wallClock epoch milliseconds now
         */
        public WallClockWatermarks(long maxDelay, long idleTimeout, RelativeClock activityClock, LongSupplier wallClock) {
            this.maxDelay = maxDelay;
            this.idleTimeout = idleTimeout;
            this.activityClock = activityClock;
            this.wallClock = wallClock;
            this.createdAt = activityClock.relativeTimeMillis();
        }

        @Override
        public void onEvent(ShopEvent event, long timestamp, WatermarkOutput output) {
            if (timestamp == Long.MIN_VALUE) {
                return; // a dead letter: no event time, and no sign of life either
            }
            seenEvent = true;
            lastEventAt = activityClock.relativeTimeMillis();
            maxTimestamp = Math.max(maxTimestamp, timestamp);
            if (idle) {
                idle = false;
                output.markActive(); // hold event time back again until the next periodic watermark
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            long now = activityClock.relativeTimeMillis();
            if (!seenEvent) {
                if (!idle && now - createdAt >= idleTimeout) {
                    idle = true;
                    output.markIdle();
                }
                return;
            }
            long watermark = maxTimestamp - maxDelay - 1;
            if (now - lastEventAt >= idleTimeout) {
                watermark = Math.max(watermark, wallClock.getAsLong() - maxDelay);
            }
            if (watermark > emitted) {
                emitted = watermark;
                output.emitWatermark(new Watermark(emitted));
            }
        }
    }
}
