package dev.stockwatch.job.cli;

import dev.stockwatch.job.io.KafkaPreflight;
import dev.stockwatch.job.io.KafkaInputs;
import dev.stockwatch.job.io.KafkaOutputs;
import dev.stockwatch.job.graph.StockwatchPipeline;
import dev.stockwatch.udfs.config.ConfigException;
import dev.stockwatch.udfs.config.StockwatchConfig;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code stockwatch run --config FILE [--parallelism N] [--key value ...]}: the live job (SPEC
 * §11), Kafka in, Kafka out, exactly once.
 *
 * <p>Under {@code flink run} (or the Kubernetes operator) the job goes to that cluster; with
 * {@code java -jar stockwatch.jar run} it runs on an embedded MiniCluster bound to 127.0.0.1. The
 * effective configuration is printed first, secrets masked.
 *
 * <p>{@link #main} is also an entry class of its own ({@code -c dev.stockwatch.job.cli.LiveCommand}
 * or the REST API's {@code entryClass}): it never calls {@code System.exit}, which matters when
 * the program runs inside the JobManager (REST submission, application mode).
 */
public final class LiveCommand {
    /** The job's name on the cluster. */
    public static final String JOB_NAME = "stockwatch";
    /** Fixed upper bound of the key groups: a savepoint restores at any parallelism up to this. */
    public static final int MAX_PARALLELISM = 128;
    /** Delay between restarts after a failure; a live job restarts for as long as it takes. */
    public static final Duration RESTART_DELAY = Duration.ofSeconds(5);

    private static final Set<String> OPTIONS = Set.of("config", "parallelism");

    private final PrintStream out;

    LiveCommand(PrintStream out) {
        this.out = out;
    }

    /** Entry class for cluster submissions: {@code --config FILE [--key value ...]}. */
    public static void main(String[] args) throws Exception {
        List<String> list = Arrays.asList(args);
        if (!list.isEmpty() && list.get(0).equals("run")) {
            list = list.subList(1, list.size());
        }
        try {
            new LiveCommand(System.out).run(list);
        } catch (UsageException | ConfigException e) {
            System.err.println("stockwatch: " + e.getMessage());
            throw e;
        }
    }

    int run(List<String> argList) throws Exception {
        Args args = Args.parse(argList, OPTIONS);
        String configFile = args.options.get("config");
        StockwatchConfig config = StockwatchConfig.load(configFile == null ? null : Path.of(configFile), args.configKeys);
        Integer parallelism = args.options.containsKey("parallelism") ? parseParallelism(args.options.get("parallelism")) : null;

        out.println("stockwatch run: effective configuration (secrets masked)");
        for (Map.Entry<String, String> e : config.describe().entrySet()) {
            out.printf("  %-32s %s%n", e.getKey() + ":", e.getValue());
        }
        out.flush();
        KafkaPreflight.check(config, out);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        Path tmp = null;
        if (env instanceof LocalStreamEnvironment) {
            // java -jar: an embedded MiniCluster on 127.0.0.1, its temporary files in a directory of ours
            tmp = Files.createTempDirectory("stockwatch-live-");
            Path dir = tmp;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> TempDirs.deleteQuietly(dir)));
            env = LocalEnvironment.create(parallelism != null ? parallelism : Runtime.getRuntime().availableProcessors(), tmp);
        }
        if (parallelism != null) {
            env.setParallelism(parallelism);
        }
        define(env, config);
        out.printf("Submitting %s: inputs %s, outputs %s*, checkpoints every %s%n", JOB_NAME,
                Arrays.stream(dev.stockwatch.udfs.event.Topic.values()).map(config::topic).toList(),
                config.sinkTopicPrefix, config.describe().get("checkpoint.interval"));
        try {
            env.execute(JOB_NAME);
        } finally {
            if (tmp != null) {
                TempDirs.deleteQuietly(tmp);
            }
        }
        return 0;
    }

    /**
     * The live job on {@code env}: its settings ({@link #liveSettings}), the pipeline reading
     * every input topic from Kafka, and the exactly-once Kafka sink.
     */
    public static void define(StreamExecutionEnvironment env, StockwatchConfig config) {
        env.configure(liveSettings(config));
        KafkaOutputs.attach(
                new StockwatchPipeline(config, new KafkaInputs(config), StockwatchPipeline.NO_END).build(env), config);
    }

    /**
     * Checkpoints every {@code checkpoint.interval}, exactly once, kept when the job is cancelled
     * (a restart can start from the last one); a fixed maximum parallelism, so savepoints restore
     * at any parallelism up to it; fixed-delay restarts without limit.
     */
    public static Configuration liveSettings(StockwatchConfig config) {
        Configuration conf = StockwatchPipeline.pipelineSettings();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, config.checkpointInterval);
        conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        conf.set(PipelineOptions.MAX_PARALLELISM, MAX_PARALLELISM);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, Integer.MAX_VALUE);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, RESTART_DELAY);
        return conf;
    }

    private static int parseParallelism(String text) {
        try {
            int p = Integer.parseInt(text.trim());
            if (p >= 1 && p <= MAX_PARALLELISM) {
                return p;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException("--parallelism must be a whole number from 1 to " + MAX_PARALLELISM + ", was \"" + text + "\"");
    }
}
