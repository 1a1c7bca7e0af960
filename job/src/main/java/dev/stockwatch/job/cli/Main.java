package dev.stockwatch.job.cli;

import dev.stockwatch.udfs.config.ConfigException;
import dev.stockwatch.udfs.config.ConfigKey;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/** The {@code stockwatch} command line. */
public final class Main {
    static final String USAGE = """
            stockwatch: back-in-stock, sold-out-again and abandoned-cart notifications on Apache Flink

            Commands:
              replay   replay input files through the pipeline on an embedded Flink MiniCluster
                         --input DIR        DIR/{interest,stock,catalog,cart,orders,customers}.jsonl (missing = empty)
                         --output DIR       writes DIR/<topic>.jsonl for every output topic, summary.json
                                            and report.html
                         [--config FILE]    YAML file of configuration keys
                         [--until INSTANT]  final event time (default: the latest `at` in the input)
                         [--parallelism N]  default 1; the output is the same for every N
                         [--key value ...]  any configuration key; wins over the file
              run      the live job on Kafka: run --config FILE [--parallelism N] [--key value ...]
                         (also `flink run stockwatch-job.jar --config FILE`); see deploy/README.md
              publish  publish a replay directory to the input topics in event-time order:
                         publish --input DIR [--config FILE] [--speedup N|max] [--max-pause D]
              convert  replay input from a public e-commerce export:
                         convert rees46|otto INPUT OUTDIR   (a REES46 CSV, or OTTO sessions JSONL)
              config   print every configuration key with its default (or effective value with --config)
              help     this text

            Example:
              java -jar job/target/stockwatch.jar replay --input sample-data/day-in-the-shop --output out --notify.batch-window "0 s"
            """;

    private Main() {}

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            // only on failure: inside a JobManager (REST submission, application mode) exit would stop it
            System.exit(code);
        }
    }

    /** Runs a command; returns the exit code (0 ok, 2 usage or config error, 1 failure). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> list = Arrays.asList(args);
        if (list.isEmpty() || list.contains("--help") || list.contains("-h") || list.get(0).equals("help")) {
            out.print(USAGE);
            return list.isEmpty() ? 2 : 0;
        }
        try {
            return switch (list.get(0)) {
                case "replay" -> new ReplayCommand(out, err).run(list.subList(1, list.size()));
                case "config" -> printConfig(list.subList(1, list.size()), out);
                case "run" -> new LiveCommand(out).run(list.subList(1, list.size()));
                case "publish" -> new PublishCommand(out).run(list.subList(1, list.size()));
                case "convert" -> new ConvertCommand(out).run(list.subList(1, list.size()));
                case "engagement" -> new EngagementCommand(out).run(list.subList(1, list.size()));
                default -> {
                    if (list.get(0).startsWith("--")) {
                        yield new LiveCommand(out).run(list);
                    }
                    throw new UsageException("unknown command \"" + list.get(0) + "\"");
                }
            };
        } catch (UsageException e) {
            err.println("stockwatch: " + e.getMessage() + " (see --help)");
            return 2;
        } catch (ConfigException e) {
            err.println("stockwatch: config error: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("stockwatch: failed: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }

    private static int printConfig(List<String> args, PrintStream out) {
        Args parsed = Args.parse(args, java.util.Set.of("config"));
        String file = parsed.options.get("config");
        var config = dev.stockwatch.udfs.config.StockwatchConfig.load(
                file == null ? null : java.nio.file.Path.of(file), parsed.configKeys);
        for (var e : config.describe().entrySet()) {
            ConfigKey key = ConfigKey.byKey(e.getKey());
            out.printf("%-32s %s%n", e.getKey() + ":", e.getValue() + (key == null ? "" : "    # " + key.description()));
        }
        return 0;
    }
}
