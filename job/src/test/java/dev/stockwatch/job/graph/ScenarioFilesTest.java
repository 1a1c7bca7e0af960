package dev.stockwatch.job.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockwatch.job.io.Replay;
import dev.stockwatch.job.model.OutputRecord;
import dev.stockwatch.udfs.config.StockwatchConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays every directory under {@code src/test/resources/scenarios} with its {@code config.yaml}
 * and compares the decisions with its {@code expected.txt}: one line per notification or
 * suppression, {@code topic kind customer [skus] eventTime [step=N] [incentive=X] [reason]}.
 */
class ScenarioFilesTest {
    private static final Path SCENARIOS = Path.of("src", "test", "resources", "scenarios");
    private static final Path SAMPLE_DAY = Path.of("..", "sample-data", "day-in-the-shop");

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(4)
            .build());

    static Stream<String> scenarios() throws Exception {
        try (Stream<Path> dirs = Files.list(SCENARIOS)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void replayGivesExactlyTheExpectedDecisions(String name) throws Exception {
        Path dir = SCENARIOS.resolve(name);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        Replay.Result result = Replay.run(env, dir, StockwatchConfig.load(dir.resolve("config.yaml"), Map.of()), null, null);
        List<String> expected = Files.readAllLines(dir.resolve("expected.txt")).stream()
                .map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
        assertThat(Decisions.of(result.output())).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(result.output().lines(OutputRecord.DLQ)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void outputIsTheSameBytesAtParallelism1And4(String name) throws Exception {
        Path dir = SCENARIOS.resolve(name);
        StockwatchConfig config = StockwatchConfig.load(dir.resolve("config.yaml"), Map.of());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        var one = Replay.run(env, dir, config, null, null).output();
        env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(4);
        var four = Replay.run(env, dir, config, null, null).output();
        for (String topic : dev.stockwatch.job.io.ReplayOutput.TOPICS) {
            assertThat(four.lines(topic)).as(topic).containsExactlyElementsOf(one.lines(topic));
        }
    }

    static Stream<Path> scenariosAndTheSampleDay() throws Exception {
        return Stream.concat(scenarios().map(SCENARIOS::resolve), Stream.of(SAMPLE_DAY));
    }

    /** RocksDB hands out copies of what it stores, the heap the stored objects: no rule may depend on which. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("scenariosAndTheSampleDay")
    void outputIsTheSameBytesOnRocksDbAsOnTheHeap(Path dir) throws Exception {
        Path file = dir.resolve("config.yaml");
        StockwatchConfig config = Files.exists(file) ? StockwatchConfig.load(file, Map.of()) : StockwatchConfig.defaults();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        var heap = Replay.run(env, dir, config, null, null).output();
        Configuration rocksDb = new Configuration();
        rocksDb.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        env = StreamExecutionEnvironment.getExecutionEnvironment(rocksDb);
        env.setParallelism(2);
        var onRocksDb = Replay.run(env, dir, config, null, null).output();
        int decided = 0;
        for (String topic : dev.stockwatch.job.io.ReplayOutput.TOPICS) {
            assertThat(onRocksDb.lines(topic)).as(topic).containsExactlyElementsOf(heap.lines(topic));
            decided += heap.lines(topic).size();
        }
        assertThat(decided).as("the input decides something").isPositive();
    }
}
