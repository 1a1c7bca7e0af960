package dev.stockwatch.job.io;

import dev.stockwatch.job.model.ShopEvent;
import dev.stockwatch.job.graph.StockwatchPipeline;
import dev.stockwatch.udfs.config.StockwatchConfig;
import dev.stockwatch.udfs.event.Topic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Runs the pipeline over replay files and collects its output (SPEC §10). */
public final class Replay {
    private Replay() {}

    /** What a replay produced, and the per-input record counts. */
    public record Result(ReplayOutput output, Map<String, Object> counters, long until) {}

    /**
     * The default final event time: the latest {@code at} of a valid input record, or {@link
     * Long#MIN_VALUE} when there is none.
     */
    public static long latestEventTime(Path inputDir) throws IOException {
        long latest = Long.MIN_VALUE;
        for (Topic topic : Topic.values()) {
            Path file = ReplayFiles.fileOf(inputDir, topic);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            try (ByteLines lines = new ByteLines(Files.newInputStream(file))) {
                while (lines.next()) {
                    if (!lines.isBlank()) {
                        ShopEvent e = InputParsing.parse(topic, topic.defaultName(), -1, 0, lines.bytes(), lines.length(),
                                Long.MAX_VALUE);
                        if (!e.isDeadLetter()) {
                            latest = Math.max(latest, e.at());
                        }
                    }
                }
            }
        }
        return latest;
    }

    /**
     * @param until the final watermark; {@code null} means the latest event time of the input
     * @param progress called every few seconds with the counters so far (may be null)
     */
    public static Result run(StreamExecutionEnvironment env, Path inputDir, StockwatchConfig config, Long until,
            Consumer<Map<String, Object>> progress) throws Exception {
        long end = until != null ? until : latestEventTime(inputDir);
        Path parts = Files.createTempDirectory("stockwatch-replay-");
        try {
            env.configure(replaySettings());
            new StockwatchPipeline(config, new ReplayFiles(inputDir), end).build(env)
                    .sinkTo(new ReplaySink(parts))
                    .uid("sink-replay")
                    .name("replay output");
            JobClient job = env.executeAsync("stockwatch replay");
            ProgressReporter reporter = progress == null ? null : ProgressReporter.start(job, progress);
            try {
                JobExecutionResult result = job.getJobExecutionResult().get();
                return new Result(new ReplayOutput(ReplaySink.read(parts)), result.getAllAccumulatorResults(), end);
            } finally {
                if (reporter != null) {
                    reporter.stop();
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(parts)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A replay fails rather than restarts: its output is written once. */
    private static Configuration replaySettings() {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        return conf;
    }
}
