package dev.stockwatch.job.live;

import dev.stockwatch.job.graph.InputSource;
import dev.stockwatch.job.io.InputParsing;
import dev.stockwatch.job.io.KafkaInputs;
import dev.stockwatch.job.io.ReplayFiles;
import dev.stockwatch.job.model.ShopEvent;
import dev.stockwatch.udfs.config.StockwatchConfig;
import dev.stockwatch.udfs.event.Topic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource.NumberSequenceSplit;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Replay files fed like live topics: one source per topic file, each record emitted when the wall
 * clock reaches its event time at {@link #SPEEDUP} times real speed, with the live job's
 * watermarks ({@link KafkaInputs#watermarks}: the watermark follows the records, no final one
 * while the input is held). A source emits a file line by line up to the position the test opened
 * ({@link #open}) and then holds there, so a savepoint taken while every source holds falls between
 * known records; its position is in the savepoint, and a restored job goes on from the next line.
 * Offsets are line numbers, as in a replay of the same files. Sources and test share this JVM.
 */
final class PacedFiles implements InputSource {
    /** Event time per wall-clock time. */
    static final long SPEEDUP = 7_200;

    private static final Map<Topic, Long> OPEN_UNTIL = new ConcurrentHashMap<>();
    private static final Map<Topic, Long> REACHED = new ConcurrentHashMap<>();
    private static volatile long paceFrom;
    private static volatile long wallFrom;

    private final String dir;
    private final StockwatchConfig config;

    PacedFiles(Path dir, StockwatchConfig config) {
        this.dir = dir.toAbsolutePath().toString();
        this.config = config;
    }

    /**
     * Lets every topic's source go on to the given line index (exclusive), records after {@code
     * eventTime} paced from the first one emitted on.
     */
    static void open(Map<Topic, Long> until, long eventTime) {
        paceFrom = eventTime;
        wallFrom = 0;
        REACHED.clear();
        OPEN_UNTIL.putAll(until);
    }

    /** Holds every source at its first line: no source may go on until {@link #open}. */
    static void closeAll() {
        OPEN_UNTIL.clear();
        REACHED.clear();
    }

    private static synchronized long wallFrom() {
        if (wallFrom == 0) {
            wallFrom = System.currentTimeMillis();
        }
        return wallFrom;
    }

    /** Whether every source has emitted all it may and holds. */
    static boolean holding() {
        return OPEN_UNTIL.entrySet().stream().allMatch(e -> e.getValue().equals(REACHED.get(e.getKey())));
    }

    @Override
    public DataStream<ShopEvent> open(StreamExecutionEnvironment env, Topic topic) {
        long lines = lines(ReplayFiles.fileOf(Path.of(dir), topic)).size();
        if (lines == 0) {
            return null;
        }
        TopicSource source = new TopicSource(dir, topic, new NumberSequenceSource(0, lines - 1));
        return env.fromSource(source, KafkaInputs.watermarks(config), "paced " + topic.defaultName())
                .uid("source-" + topic.defaultName())
                .setParallelism(1);
    }

    static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of one file as a number sequence, whose split keeps the position in checkpoints. */
    private record TopicSource(String dir, Topic topic, NumberSequenceSource numbers)
            implements Source<ShopEvent, NumberSequenceSplit, Collection<NumberSequenceSplit>> {
        @Override
        public Boundedness getBoundedness() {
            return Boundedness.CONTINUOUS_UNBOUNDED;
        }

        @Override
        public SourceReader<ShopEvent, NumberSequenceSplit> createReader(SourceReaderContext context) {
            return new Reader(context, topic, lines(ReplayFiles.fileOf(Path.of(dir), topic)));
        }

        @Override
        public SplitEnumerator<NumberSequenceSplit, Collection<NumberSequenceSplit>> createEnumerator(
                SplitEnumeratorContext<NumberSequenceSplit> context) {
            return numbers.createEnumerator(context);
        }

        @Override
        public SplitEnumerator<NumberSequenceSplit, Collection<NumberSequenceSplit>> restoreEnumerator(
                SplitEnumeratorContext<NumberSequenceSplit> context, Collection<NumberSequenceSplit> checkpoint) {
            return numbers.restoreEnumerator(context, checkpoint);
        }

        @Override
        public SimpleVersionedSerializer<NumberSequenceSplit> getSplitSerializer() {
            return numbers.getSplitSerializer();
        }

        @Override
        public SimpleVersionedSerializer<Collection<NumberSequenceSplit>> getEnumeratorCheckpointSerializer() {
            return numbers.getEnumeratorCheckpointSerializer();
        }
    }

    private static final class Reader implements SourceReader<ShopEvent, NumberSequenceSplit> {
        private final SourceReaderContext context;
        private final Topic topic;
        private final List<String> lines;
        private NumberSequenceSplit split;
        private long next;
        private boolean noMoreSplits;
        private boolean askedForMore;
        private CompletableFuture<Void> available = new CompletableFuture<>();

        Reader(SourceReaderContext context, Topic topic, List<String> lines) {
            this.context = context;
            this.topic = topic;
            this.lines = lines;
        }

        @Override
        public void start() {
            if (split == null) {
                context.sendSplitRequest();
            }
        }

        @Override
        public InputStatus pollNext(ReaderOutput<ShopEvent> output) {
            if (split == null || next > split.to()) {
                if (split != null && !noMoreSplits && !askedForMore) {
                    askedForMore = true;
                    context.sendSplitRequest(); // answered with "no more splits"
                }
                return noMoreSplits ? InputStatus.END_OF_INPUT : waitFor(20);
            }
            REACHED.put(topic, next);
            if (next >= OPEN_UNTIL.getOrDefault(topic, 0L)) {
                return waitFor(20);
            }
            byte[] line = lines.get((int) next).getBytes(StandardCharsets.UTF_8);
            ShopEvent event = InputParsing.parse(topic, topic.defaultName(), -1, next + 1, line, line.length, Long.MAX_VALUE);
            long due = wallFrom() + (event.at() - paceFrom) / SPEEDUP - System.currentTimeMillis();
            if (event.at() > paceFrom && due > 0) {
                return waitFor(Math.min(due, 20));
            }
            output.collect(event, event.at());
            REACHED.put(topic, ++next);
            return InputStatus.MORE_AVAILABLE;
        }

        private InputStatus waitFor(long millis) {
            available = CompletableFuture.runAsync(() -> {}, CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS));
            return InputStatus.NOTHING_AVAILABLE;
        }

        @Override
        public List<NumberSequenceSplit> snapshotState(long checkpointId) {
            boolean done = split == null || next > split.to();
            return done ? List.of() : List.of(new NumberSequenceSplit(split.splitId(), next, split.to()));
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            return available;
        }

        @Override
        public void addSplits(List<NumberSequenceSplit> splits) {
            split = splits.get(0);
            next = split.from();
            available.complete(null);
        }

        @Override
        public void notifyNoMoreSplits() {
            noMoreSplits = true;
            available.complete(null);
        }

        @Override
        public void close() {}
    }
}
