package dev.stockwatch.job.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stockwatch.job.io.Replay;
import dev.stockwatch.udfs.config.StockwatchConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random shops, each replayed by the pipeline and by an independent model of the SPEC written in
 * Python ({@code sample-data/model}), compared record by record: notifications, suppressions and
 * dead letters. Seeds from 1000 are dense shops (few skus, many same-instant collisions). Each
 * seed also picks its own configuration (batch window, waves, cap, quiet hours, ladder...).
 * Needs {@code python3} (standard library only); skipped without it.
 */
class ReferenceModelTest {
    private static final Path MODEL = Path.of("..", "sample-data", "model").toAbsolutePath().normalize();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @BeforeAll
    static void needsPython() {
        boolean found;
        try {
            found = new ProcessBuilder("python3", "--version").start().waitFor(30, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            found = false;
        }
        assumeTrue(found, "python3 is not installed: the reference model cannot run");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 1001, 1002, 1003, 1004, 1005, 1006})
    void theJobAndTheModelDecideTheSameOnARandomShop(int seed, @TempDir Path work) throws Exception {
        Path input = work.resolve("input");
        python("random_stream.py", String.valueOf(seed), input.toString());
        Path config = input.resolve("config.yaml");
        Path model = work.resolve("model");
        python("reference.py", "--input", input.toString(), "--output", model.toString(), "--config", config.toString());

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        StockwatchConfig cfg = StockwatchConfig.load(config, Map.of());
        Replay.Result result = Replay.run(env, input, cfg, null, null);
        Path job = work.resolve("job");
        result.output().write(job, cfg.sinkTopicPrefix);
        assertThat(result.output().byTopic().values().stream().mapToInt(List::size).sum())
                .as("a shop with something to decide").isPositive();

        Run diff = python("compare.py", "--diff", model.toString(), job.toString());
        assertThat(diff.exit).as("differences between the model and the job:\n" + diff.output).isZero();
    }

    private record Run(int exit, String output) {}

    private static Run python(String script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("python3", MODEL.resolve(script).toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(script + " timed out");
        }
        if (p.exitValue() != 0 && !script.equals("compare.py")) {
            throw new AssertionError(script + " failed (" + p.exitValue() + "):\n" + output);
        }
        return new Run(p.exitValue(), output);
    }
}
