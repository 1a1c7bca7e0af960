package dev.stockwatch.job.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockwatch.job.graph.InputSource;
import dev.stockwatch.job.graph.StockwatchPipeline;
import dev.stockwatch.job.metrics.CollectedMetrics;
import dev.stockwatch.job.model.ShopEvent;
import dev.stockwatch.job.report.ReplayFigures;
import dev.stockwatch.udfs.config.StockwatchConfig;
import dev.stockwatch.udfs.event.OrderKey;
import dev.stockwatch.udfs.event.Topic;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource.NumberSequenceSplit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPEC §9: the output never depends on arrival order, replay speed or parallelism. The replay reads
 * its files at parallelism 1 and moves event time once, at the end. Here the records of all topics
 * arrive out of order, the way the Flink training's parallel test sources emit theirs: one source
 * at the job's parallelism (2 and 4) deals them out to its readers in arrival order, a few
 * milliseconds apart, each reader following every record with its bounded-out-of-orderness
 * watermark, and each topic's stream is filtered from it. Event time thus moves, and decisions are
 * made, while later records are still on their way. The output must be the in-order replay's,
 * record for record, and so must the summary.
 *
 * <p>What SPEC promises to be order-independent bounds the shuffle: every record arrives at most
 * {@code input.max-delay} after any record with a later event time, so none is late (a late input
 * is applied with the next watermark, after what was applied already, and counted in {@code
 * stockwatch.lateInputs}; a shuffle beyond the max delay changes the output). Records of the same
 * instant arrive in any order: ties are broken by topic and input order (the line number, which
 * the records keep); the {@code same-instant-ties} scenario is made of them, and of catalog
 * versions that a decision must see as they were at its instant.
 */
class OutOfOrderInputTest {
    /** Long enough to shuffle the records of different hours, short enough to move event time on during a day. */
    private static final String MAX_DELAY = "1 h";
    private static final Path SAMPLE = Path.of("..", "sample-data", "day-in-the-shop");
    private static final Path SCENARIOS = Path.of("src", "test", "resources", "scenarios");
    /** Watermarks the test source emitted before its end. */
    private static final AtomicLong ADVANCES = new AtomicLong();
    private static final Map<Path, Replay.Result> IN_ORDER = new ConcurrentHashMap<>();
    /** Wall-clock time between two arrivals. */
    private static final long SLOT_MILLIS = 5;

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(CollectedMetrics.reporterConfig())
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(4)
            .build());

    static Stream<Arguments> inputs() {
        return Stream.of(SAMPLE, SCENARIOS.resolve("restock-episodes-and-sold-out-again"),
                        SCENARIOS.resolve("same-instant-ties"))
                .flatMap(dir -> Stream.of(Arguments.of(dir, 2), Arguments.of(dir, 4)));
    }

    @ParameterizedTest(name = "{0} at parallelism {1}")
    @MethodSource("inputs")
    void recordsOutOfOrderWithinTheMaxDelayGiveTheInOrderReplaysOutput(Path dir, int parallelism, @TempDir Path parts)
            throws Exception {
        StockwatchConfig config = config(dir);
        Replay.Result inOrder = IN_ORDER.computeIfAbsent(dir, d -> replayInOrder(d, config));
        CollectedMetrics.clear();
        ADVANCES.set(0);

        var inputs = ArrivingOutOfOrder.shuffle(dir, config.inputMaxDelay.toMillis(), parallelism);
        Replay.Result outOfOrder = run(inputs, config, inOrder.until(), parallelism, parts);

        for (String topic : ReplayOutput.TOPICS) {
            assertThat(outOfOrder.output().lines(topic)).as(topic).containsExactlyElementsOf(inOrder.output().lines(topic));
        }
        assertThat(inOrder.output().lines("email")).isNotEmpty();
        assertThat(ReplayFigures.of(outOfOrder).prettyJson()).as("summary.json")
                .isEqualTo(ReplayFigures.of(inOrder).prettyJson());
        assertThat(CollectedMetrics.count("lateInputs")).as("inputs the watermark had passed").isZero();
        assertThat(ADVANCES.get()).as("watermarks before the end").isGreaterThan(parallelism);
    }

    private static StockwatchConfig config(Path dir) {
        Path file = dir.resolve("config.yaml");
        return StockwatchConfig.load(Files.exists(file) ? file : null, Map.of("input.max-delay", MAX_DELAY));
    }

    private static Replay.Result replayInOrder(Path dir, StockwatchConfig config) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        try {
            return Replay.run(env, dir, config, null, null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The pipeline as the replay runs it, from other inputs. */
    private static Replay.Result run(InputSource inputs, StockwatchConfig config, long until, int parallelism, Path parts)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        env.setBufferTimeout(0); // every record and watermark travels on at once, not with the next full buffer
        new StockwatchPipeline(config, inputs, until).build(env).sinkTo(new ReplaySink(parts)).uid("sink-replay");
        JobExecutionResult result = env.execute("stockwatch out of order");
        return new Replay.Result(new ReplayOutput(ReplaySink.read(parts)), result.getAllAccumulatorResults(), until);
    }

    /**
     * A replay directory's records arriving out of order, as one parallel source of every topic
     * emits them ({@link InArrivalOrder}, with {@link EveryRecord} watermarks); each topic's
     * stream is filtered from it, so that a topic with few records does not hold event time back.
     */
    static final class ArrivingOutOfOrder implements InputSource {
        private final Arrivals arrivals;
        private final long maxDelay;
        private DataStream<ShopEvent> all;

        private ArrivingOutOfOrder(Arrivals arrivals, long maxDelay) {
            this.arrivals = arrivals;
            this.maxDelay = maxDelay;
        }

        /**
         * Each record arrives at its event time plus a random delay from 0 to {@code maxDelay} (both
         * ends included); dead letters, which have no event time, at the time of a random record.
         */
        static ArrivingOutOfOrder shuffle(Path dir, long maxDelay, long seed) {
            Random random = new Random(seed);
            Map<Topic, List<ShopEvent>> files = read(dir);
            long[] times = files.values().stream().flatMap(List::stream).filter(e -> !e.isDeadLetter())
                    .mapToLong(ShopEvent::at).toArray();
            List<Arrival> arrivals = new ArrayList<>();
            files.forEach((topic, records) -> {
                for (int i = 0; i < records.size(); i++) {
                    ShopEvent e = records.get(i);
                    long delay = switch (random.nextInt(4)) {
                        case 0 -> 0;
                        case 1 -> maxDelay;
                        default -> (long) (random.nextDouble() * maxDelay);
                    };
                    long at = e.isDeadLetter() ? times[random.nextInt(times.length)] : e.at() + delay;
                    arrivals.add(new Arrival(at, topic, i, e.key()));
                }
            });
            Collections.shuffle(arrivals, random); // records arriving at the same time, in any order
            arrivals.sort(Comparator.comparingLong(Arrival::at));
            assertThat(inversions(arrivals)).as("records arriving before ones they follow in event-time order").isPositive();
            return new ArrivingOutOfOrder(Arrivals.of(dir, arrivals, files.keySet()), maxDelay);
        }

        @Override
        public DataStream<ShopEvent> open(StreamExecutionEnvironment env, Topic topic) {
            if (!arrivals.topics().contains(topic)) {
                return null;
            }
            if (all == null) {
                long delay = maxDelay; // not this source itself: the strategy is serialized with the job
                WatermarkStrategy<ShopEvent> watermarks = WatermarkStrategy.<ShopEvent>forGenerator(c -> new EveryRecord(delay))
                        .withTimestampAssigner((e, previous) -> e.at());
                all = env.fromSource(new RoundRobin(new InArrivalOrder(arrivals)), watermarks, "out of order",
                        TypeInformation.of(ShopEvent.class)).uid("source-out-of-order");
            }
            return all.filter(e -> e.topic() == topic).uid("source-" + topic.defaultName()).name(topic.defaultName());
        }

        private static long inversions(List<Arrival> arrivals) {
            long n = 0;
            for (int i = 0; i < arrivals.size(); i++) {
                for (int j = i + 1; j < arrivals.size(); j++) {
                    OrderKey a = arrivals.get(i).key();
                    OrderKey b = arrivals.get(j).key();
                    n += a != null && b != null && a.compareTo(b) > 0 ? 1 : 0;
                }
            }
            return n;
        }
    }

    /** When record {@code index} of the {@code topic} file (event-time order {@code key}) arrives. */
    record Arrival(long at, Topic topic, int index, OrderKey key) {}

    /**
     * The records of the replay files in {@code dir} in the order they arrive: the n-th is record
     * {@code index[n]} of the {@code topic[n]} file; {@code topics} have a file.
     */
    record Arrivals(String dir, Topic[] topic, int[] index, List<Topic> topics) implements Serializable {
        static Arrivals of(Path dir, List<Arrival> arrivals, Iterable<Topic> topics) {
            List<Topic> present = new ArrayList<>();
            topics.forEach(present::add);
            return new Arrivals(dir.toString(), arrivals.stream().map(Arrival::topic).toArray(Topic[]::new),
                    arrivals.stream().mapToInt(Arrival::index).toArray(), present);
        }
    }

    /** The records of the replay files of a directory, parsed as the replay parses them. */
    static Map<Topic, List<ShopEvent>> read(Path dir) {
        Map<Topic, List<ShopEvent>> files = new EnumMap<>(Topic.class);
        for (Topic topic : Topic.values()) {
            Path file = ReplayFiles.fileOf(dir, topic);
            if (Files.isRegularFile(file)) {
                files.put(topic, read(file, topic));
            }
        }
        return files;
    }

    private static List<ShopEvent> read(Path file, Topic topic) {
        var path = new org.apache.flink.core.fs.Path(file.toAbsolutePath().toUri());
        try (FSDataInputStream in = path.getFileSystem().open(path);
                StreamFormat.Reader<ShopEvent> reader = new JsonLinesFormat(topic).createReader(new Configuration(), in)) {
            List<ShopEvent> records = new ArrayList<>();
            for (ShopEvent e = reader.read(); e != null; e = reader.read()) {
                records.add(e);
            }
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The records in arrival order, dealt out to the parallel readers like cards, as the parallel
     * test sources of the Flink training do: reader i of p emits the i-th, (i + p)-th, ... record to
     * arrive. A {@link DataGeneratorSource} whose reader i reads one split, numbers i·K to i·K + its
     * share − 1 (K = ⌈N / p⌉), which {@link InArrivalOrder} turns into records.
     */
    static final class RoundRobin implements Source<ShopEvent, NumberSequenceSplit, Collection<NumberSequenceSplit>> {
        private static final long serialVersionUID = 1L;
        private final DataGeneratorSource<ShopEvent> generator;
        private final int count;

        RoundRobin(InArrivalOrder records) {
            this.count = records.arrivals.topic().length;
            this.generator = new DataGeneratorSource<>(records, count, TypeInformation.of(ShopEvent.class));
        }

        @Override
        public Boundedness getBoundedness() {
            return Boundedness.BOUNDED;
        }

        @Override
        public SourceReader<ShopEvent, NumberSequenceSplit> createReader(SourceReaderContext context) throws Exception {
            return generator.createReader(context);
        }

        @Override
        public SplitEnumerator<NumberSequenceSplit, Collection<NumberSequenceSplit>> createEnumerator(
                SplitEnumeratorContext<NumberSequenceSplit> context) {
            int p = context.currentParallelism();
            long k = (count + p - 1) / p;
            return new SplitEnumerator<>() {
                @Override
                public void start() {}

                @Override
                public void handleSplitRequest(int reader, String host) {
                    long share = reader < count ? (count - reader + p - 1) / p : 0;
                    if (share > 0) {
                        context.assignSplit(new NumberSequenceSplit("reader-" + reader, reader * k, reader * k + share - 1), reader);
                    }
                    context.signalNoMoreSplits(reader);
                }

                @Override
                public void addSplitsBack(List<NumberSequenceSplit> splits, int reader) {}

                @Override
                public void addReader(int reader) {}

                @Override
                public Collection<NumberSequenceSplit> snapshotState(long checkpoint) {
                    return List.of();
                }

                @Override
                public void close() {}
            };
        }

        @Override
        public SplitEnumerator<NumberSequenceSplit, Collection<NumberSequenceSplit>> restoreEnumerator(
                SplitEnumeratorContext<NumberSequenceSplit> context, Collection<NumberSequenceSplit> checkpoint) {
            return createEnumerator(context);
        }

        @Override
        public SimpleVersionedSerializer<NumberSequenceSplit> getSplitSerializer() {
            return generator.getSplitSerializer();
        }

        @Override
        public SimpleVersionedSerializer<Collection<NumberSequenceSplit>> getEnumeratorCheckpointSerializer() {
            return generator.getEnumeratorCheckpointSerializer();
        }
    }

    /**
     * Number i·K + j of reader i is the (i + j·p)-th record to arrive; each comes {@link
     * #SLOT_MILLIS} after the one before it (of any reader), so that the readers go through the
     * arrivals side by side.
     */
    static final class InArrivalOrder implements GeneratorFunction<Long, ShopEvent> {
        private static final long serialVersionUID = 1L;
        private final Arrivals arrivals;
        private transient Map<Topic, List<ShopEvent>> files;
        private transient int readers;
        private transient long openedAt;

        InArrivalOrder(Arrivals arrivals) {
            this.arrivals = arrivals;
        }

        @Override
        public void open(SourceReaderContext context) {
            files = read(Path.of(arrivals.dir()));
            readers = context.currentParallelism();
            openedAt = System.currentTimeMillis();
        }

        @Override
        public ShopEvent map(Long number) throws InterruptedException {
            int k = (arrivals.topic().length + readers - 1) / readers;
            int n = Math.toIntExact(number % k * readers + number / k);
            Thread.sleep(Math.max(0, openedAt + n * SLOT_MILLIS - System.currentTimeMillis()));
            return files.get(arrivals.topic()[n]).get(arrivals.index()[n]);
        }
    }

    /** Bounded out-of-orderness (the latest event time minus {@code maxDelay}, minus 1 ms) after every record. */
    static final class EveryRecord implements WatermarkGenerator<ShopEvent> {
        private final long maxDelay;
        private long watermark = Long.MIN_VALUE;

        EveryRecord(long maxDelay) {
            this.maxDelay = maxDelay;
        }

        @Override
        public void onEvent(ShopEvent e, long timestamp, WatermarkOutput output) {
            if (!e.isDeadLetter() && e.at() - maxDelay - 1 > watermark) {
                watermark = e.at() - maxDelay - 1;
                output.emitWatermark(new Watermark(watermark));
                ADVANCES.incrementAndGet();
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {}
    }
}
