package dev.stockwatch.job.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockwatch.job.graph.StockwatchPipeline;
import dev.stockwatch.job.io.ReplayFiles;
import dev.stockwatch.job.io.Replay;
import dev.stockwatch.job.io.ReplayOutput;
import dev.stockwatch.job.model.OutputRecord;
import dev.stockwatch.udfs.config.StockwatchConfig;
import dev.stockwatch.udfs.event.Topic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.CommonTestUtils;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live job stopped with a savepoint in the middle of a busy day at parallelism 2, restored at
 * 4, stopped again and restored at 1 to finish the day: its output, gathered over the three runs,
 * is the replay's record for record. The input flows on across the stops ({@link PacedFiles}: each
 * run goes on from the record after the last one before the savepoint, with live event time), so
 * restock episodes, batch windows, notifications held by quiet hours, cart ladders and
 * conversions are pending in keyed state and timers at each stop and are redistributed to other
 * subtasks, and the broadcast catalog and store stock, one copy per subtask, are handed from one
 * subtask to others.
 *
 * <p>One cart event reaches the job only after the first restore although it is stamped hours
 * before the savepoint (a till that was offline). Its reminder is decided at its own event time,
 * before the savepoint's watermark, by whichever subtask now owns that customer, and must find the
 * catalog entry and the home store's stock of that instant in that subtask's copy: a copy pruned
 * at some subtask's watermark has lost them, one pruned within {@code broadcast.retention} of the
 * newest version has not.
 */
class RescaleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CUSTOMERS = 300;
    private static final Instant FIRST_STOP = BusyDay.START.plus(Duration.ofMinutes(285)); // 10:45
    private static final Instant SECOND_STOP = BusyDay.START.plus(Duration.ofMinutes(390)); // 12:30
    private static final String STRAGGLER_PROFILE = "{\"customerId\":\"c-late\",\"email\":\"late@example.com\","
            + "\"consent\":{\"email\":true},\"homeStore\":\"" + BusyDay.HOME_STORE + "\",\"at\":\"2026-11-19T06:00:00Z\"}";
    private static final String STRAGGLER = "{\"type\":\"add\",\"customerId\":\"c-late\",\"sku\":\"ITEM-1\",\"quantity\":1,"
            + "\"unitPrice\":30.0,\"currency\":\"PLN\",\"at\":\"2026-11-20T06:30:00Z\"}";

    /**
     * Versions superseded 6 h before the newest one are forgotten, so the day's hourly catalog and
     * half-hourly stock are really pruned; no run spans 6 h of the day, so no decision lies further
     * behind the newest version than that (the straggler's lies 5 h behind the end of its run).
     * The paced files, like a replay, are not checked against the wall clock, so nothing is stamped
     * ahead of it ({@code input.max-future} 0 s); the idle timeout is longer than the test, so the
     * wall clock, weeks after the day, plays no part.
     */
    private static final Map<String, String> RETENTION = Map.of("broadcast.retention", "6 h", "input.max-future", "0 s",
            "input.idle-timeout", "10 min");

    private static final List<OutputRecord> OUTPUT = Collections.synchronizedList(new ArrayList<>());

    /** Where the TaskManager writes the changelog of a job that enables it (a TaskManager setting). */
    private static final Path CHANGELOG = Path.of("target", "tmp", "changelog-" + java.util.UUID.randomUUID()).toAbsolutePath();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(changelogStorage(LiveEndToEndTest.localOnly()))
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(4)
            .build());

    private static Configuration changelogStorage(Configuration conf) {
        conf.setString("state.changelog.storage", "filesystem");
        conf.setString("state.changelog.dstl.dfs.base-path", CHANGELOG.toUri().toString());
        return conf;
    }

    /**
     * How the runs are stopped and restored. {@code SAVEPOINTS}: heap state, each stop a
     * savepoint. {@code TO_LOW_LATENCY}: the first run's savepoint is restored on the README's
     * low-latency setting (heap state with Flink's changelog, restores in CLAIM mode), whose run
     * stops with a checkpoint; the last run restores that checkpoint, the materialized state and
     * the changes logged after it.
     */
    enum Stops {
        SAVEPOINTS,
        TO_LOW_LATENCY
    }

    @ParameterizedTest
    @EnumSource(Stops.class)
    void stoppedAtParallelism2RestoredAt4StoppedAgainAndFinishedAt1GivesTheReplayRecordForRecord(Stops stops, @TempDir Path tmp,
            @InjectMiniCluster MiniCluster cluster) throws Exception {
        Path day = BusyDay.write(tmp.resolve("day"), CUSTOMERS, 1);
        Map<Topic, long[]> cuts = inEventTimeOrderWithTheStraggler(day);
        StockwatchConfig config = StockwatchConfig.load(null, RETENTION);
        StreamExecutionEnvironment replayEnv = StreamExecutionEnvironment.getExecutionEnvironment();
        replayEnv.setParallelism(2);
        Replay.Result replay = Replay.run(replayEnv, day, config, null, null);

        OUTPUT.clear();
        PacedFiles.closeAll();
        String dir = tmp.resolve("savepoints").toUri().toString();
        long started = System.nanoTime();
        Configuration heap = new Configuration();
        Configuration later = stops == Stops.TO_LOW_LATENCY ? lowLatency(tmp) : heap;
        Segments segments = new Segments(cluster, day, config, replay.until(), cuts);
        String first = stopWithSavepoint(segments.run(2, null, 0, BusyDay.START, heap), dir);
        int beforeFirst = OUTPUT.size();
        JobClient secondRun = segments.run(4, first, 1, FIRST_STOP, later);
        String second = stops == Stops.SAVEPOINTS ? stopWithSavepoint(secondRun, dir) : stopWithCheckpoint(cluster, secondRun);
        int beforeSecond = OUTPUT.size();
        segments.run(1, second, 2, SECOND_STOP, later).getJobExecutionResult().get(60, TimeUnit.SECONDS);
        System.out.printf("rescale: %d records (%d before the first stop, %d before the second) in %.1f s%n",
                OUTPUT.size(), beforeFirst, beforeSecond, (System.nanoTime() - started) / 1e9);

        if (stops == Stops.TO_LOW_LATENCY) {
            try (var files = Files.walk(CHANGELOG)) {
                assertThat(files.filter(Files::isRegularFile).count()).as("state changes logged to the changelog").isPositive();
            }
        }
        assertThat(beforeFirst).as("output before the first stop").isPositive();
        assertThat(beforeSecond).as("output between the stops").isGreaterThan(beforeFirst);
        ReplayOutput rescaled = new ReplayOutput(new ArrayList<>(OUTPUT));
        for (String topic : ReplayOutput.TOPICS) {
            assertThat(rescaled.records(topic).stream().map(LiveEndToEndTest::describe).toList()).as(topic)
                    .containsExactlyElementsOf(replay.output().records(topic).stream().map(LiveEndToEndTest::describe).toList());
        }
        JsonNode late = replay.output().lines("email").stream().map(RescaleTest::json)
                .filter(n -> n.path("customerId").asText().equals("c-late")).findFirst().orElseThrow().path("items").get(0);
        assertThat(late.path("name").asText()).as("the catalog at 07:30").isEqualTo("ITEM-1 rev 1");
        assertThat(late.has("inStore")).as("the home store's stock at 07:30").isTrue();
        assertThat(replay.output().lines("sms").stream().map(RescaleTest::json))
                .as("released at 08:00 New York time, held by quiet hours over both stops")
                .anyMatch(n -> n.path("eventTime").asText().equals("2026-11-20T13:00:00Z")
                        && Instant.parse(n.path("triggeredAt").asText()).isBefore(FIRST_STOP));
    }

    /** The low-latency setting, a checkpoint every 200 ms, kept when a job is cancelled. */
    private static Configuration lowLatency(Path tmp) {
        Configuration settings = new Configuration();
        settings.setString("state.changelog.enabled", "true");
        // the state materialized every second, and the changes logged after it
        settings.setString("state.changelog.periodic-materialize.interval", "1 s");
        settings.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, tmp.resolve("checkpoints").toUri().toString());
        settings.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(200));
        settings.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        // as the low-latency setting restores (on a standalone cluster the changelog fails every
        // first checkpoint after a NO_CLAIM restore: LiveClusterIT; this MiniCluster does not)
        settings.set(StateRecoveryOptions.RESTORE_MODE, RecoveryClaimMode.CLAIM);
        return settings;
    }

    /** The runs of the live pipeline over one day, each fed the next segment of every topic. */
    private record Segments(MiniCluster cluster, Path day, StockwatchConfig config, long until, Map<Topic, long[]> cuts) {
        /**
         * One run at {@code parallelism} with {@code settings}, restored from {@code snapshot} if
         * given (in the settings' claim mode): once all its tasks run, the sources go on to the
         * {@code k}th stop (to the end for the last), event time paced from {@code from}. Returns
         * when they hold there, or at once for the last.
         */
        JobClient run(int parallelism, String snapshot, int k, Instant from, Configuration settings) throws Exception {
            Configuration conf = new Configuration(settings);
            conf.set(PipelineOptions.MAX_PARALLELISM, 128);
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
            if (snapshot != null) {
                SavepointRestoreSettings.toConfiguration(
                        SavepointRestoreSettings.forPath(snapshot, false, settings.get(StateRecoveryOptions.RESTORE_MODE)), conf);
            }
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setParallelism(parallelism);
            new StockwatchPipeline(config, new PacedFiles(day, config), until).build(env)
                    .sinkTo(new Collect())
                    .uid("sink-rescale-test")
                    .name("collect");
            Map<Topic, Long> open = new EnumMap<>(Topic.class);
            cuts.forEach((topic, at) -> open.put(topic, at[k]));
            JobClient job = env.executeAsync("stockwatch rescale " + parallelism);
            CommonTestUtils.waitForAllTaskRunning(cluster, job.getJobID(), false);
            PacedFiles.open(open, from.toEpochMilli());
            if (k < 2) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!PacedFiles.holding()) {
                    if (System.nanoTime() > deadline || job.getJobStatus().get().isGloballyTerminalState()) {
                        throw new AssertionError("the sources did not reach stop " + k + ": the job is "
                                + job.getJobStatus().get(), job.getJobStatus().get().isGloballyTerminalState()
                                        ? job.getJobExecutionResult().handle((r, e) -> e).get() : null);
                    }
                    Thread.sleep(20);
                }
            }
            return job;
        }
    }

    /** Stops the job with a savepoint once every source holds, and waits until it has ended. */
    private static String stopWithSavepoint(JobClient job, String dir) throws Exception {
        String savepoint = job.stopWithSavepoint(false, dir, SavepointFormatType.CANONICAL).get(60, TimeUnit.SECONDS);
        job.getJobExecutionResult().get(60, TimeUnit.SECONDS);
        return savepoint;
    }

    /**
     * Once every source holds and the output has settled, waits for a checkpoint triggered after
     * that (so nothing emitted after it is repeated after the restore) and cancels the job.
     */
    private static String stopWithCheckpoint(MiniCluster cluster, JobClient job) throws Exception {
        int settled = -1;
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); settled != OUTPUT.size(); ) {
            assertThat(System.nanoTime()).as("the output settles while the sources hold").isLessThan(deadline);
            settled = OUTPUT.size();
            Thread.sleep(1000);
        }
        long settledAt = System.currentTimeMillis();
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); ; Thread.sleep(50)) {
            CompletedCheckpointStats latest = cluster.getExecutionGraph(job.getJobID()).get()
                    .getCheckpointStatsSnapshot().getHistory().getLatestCompletedCheckpoint();
            if (latest != null && latest.getTriggerTimestamp() > settledAt) {
                job.cancel().get(60, TimeUnit.SECONDS);
                assertThat(OUTPUT.size()).as("nothing emitted after the checkpoint").isEqualTo(settled);
                return latest.getExternalPath();
            }
            assertThat(System.nanoTime()).as("a checkpoint completes after the restore").isLessThan(deadline);
        }
    }

    /**
     * Sorts every topic file by event time, adds the straggler's profile and puts its cart event
     * right after the first stop; returns per topic the line index of the first and the second
     * stop and the number of lines.
     */
    private static Map<Topic, long[]> inEventTimeOrderWithTheStraggler(Path day) throws IOException {
        Map<Topic, long[]> cuts = new EnumMap<>(Topic.class);
        for (Topic topic : Topic.values()) {
            Path file = ReplayFiles.fileOf(day, topic);
            List<String> lines = new ArrayList<>(PacedFiles.lines(file));
            if (topic == Topic.CUSTOMERS) {
                lines.add(STRAGGLER_PROFILE);
            }
            lines.sort(Comparator.comparing(RescaleTest::at));
            long first = lines.stream().filter(l -> at(l).isBefore(FIRST_STOP)).count();
            long second = lines.stream().filter(l -> at(l).isBefore(SECOND_STOP)).count();
            if (topic == Topic.CART) {
                lines.add((int) first, STRAGGLER);
                second++;
            }
            Files.write(file, lines, StandardCharsets.UTF_8);
            cuts.put(topic, new long[] {first, second, lines.size()});
        }
        return cuts;
    }

    private static Instant at(String line) {
        return Instant.parse(json(line).path("at").asText());
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalArgumentException(line, e);
        }
    }

    /** Gathers the output of every run in this JVM. */
    private static final class Collect implements Sink<OutputRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public SinkWriter<OutputRecord> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(OutputRecord record, Context c) {
                    OUTPUT.add(record);
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
