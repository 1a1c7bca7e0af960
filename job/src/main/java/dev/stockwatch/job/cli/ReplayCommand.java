package dev.stockwatch.job.cli;

import dev.stockwatch.job.io.Replay;
import dev.stockwatch.job.graph.Accounting;
import dev.stockwatch.job.report.HtmlReport;
import dev.stockwatch.job.report.ReplayFigures;
import dev.stockwatch.udfs.config.StockwatchConfig;
import dev.stockwatch.udfs.event.Topic;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code stockwatch replay}: the input files through the real pipeline on an embedded MiniCluster. */
final class ReplayCommand {
    private static final Set<String> OPTIONS = Set.of("input", "output", "config", "until", "parallelism");

    private final PrintStream out;
    private final PrintStream err;

    ReplayCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> argList) throws Exception {
        Args args = Args.parse(argList, OPTIONS);
        Path input = Path.of(args.required("input"));
        Path output = Path.of(args.required("output"));
        if (!Files.isDirectory(input)) {
            throw new UsageException("--input " + input + " is not a directory");
        }
        String configFile = args.options.get("config");
        StockwatchConfig config = StockwatchConfig.load(configFile == null ? null : Path.of(configFile), args.configKeys);
        Long until = args.options.containsKey("until") ? parseInstant(args.options.get("until")) : null;
        int parallelism = parseParallelism(args.options.getOrDefault("parallelism", "1"));

        Files.createDirectories(output);
        Path tmp = Files.createTempDirectory(output, ".flink-tmp-");
        long started = System.nanoTime();
        out.printf("Replaying %s (parallelism %d) ...%n", input, parallelism);
        try {
            Replay.Result result = Replay.run(LocalEnvironment.create(parallelism, tmp), input, config, until, this::progress);
            result.output().write(output, config.sinkTopicPrefix);
            ReplayFigures figures = ReplayFigures.of(result);
            Files.writeString(output.resolve("summary.json"), figures.prettyJson());
            Files.writeString(output.resolve("report.html"), HtmlReport.render(figures, input.getFileName().toString()));
            Summary.print(result, figures.json(), out);
            out.printf("%nOutput written to %s in %.1f s%n", output, (System.nanoTime() - started) / 1e9);
            return 0;
        } finally {
            TempDirs.deleteQuietly(tmp);
        }
    }

    private void progress(Map<String, Object> counters) {
        long read = 0;
        for (Topic topic : Topic.values()) {
            Object v = counters.get(Accounting.counter(Accounting.READ, topic));
            read += v instanceof Number n ? n.longValue() : 0;
        }
        err.printf("  ... %,d input records read%n", read);
    }

    private static long parseInstant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text).toEpochMilli();
            } catch (DateTimeParseException e2) {
                throw new UsageException("--until must be an ISO-8601 instant such as 2026-11-22T10:15:30Z, was \"" + text + "\"");
            }
        }
    }

    private static int parseParallelism(String text) {
        try {
            int p = Integer.parseInt(text.trim());
            if (p >= 1 && p <= 256) {
                return p;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException("--parallelism must be a whole number from 1 to 256, was \"" + text + "\"");
    }
}
