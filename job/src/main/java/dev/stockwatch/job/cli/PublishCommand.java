package dev.stockwatch.job.cli;

import dev.stockwatch.job.io.ByteLines;
import dev.stockwatch.job.io.InputParsing;
import dev.stockwatch.job.io.ReplayFiles;
import dev.stockwatch.job.model.ShopEvent;
import dev.stockwatch.udfs.config.StockwatchConfig;
import dev.stockwatch.udfs.event.OrderKey;
import dev.stockwatch.udfs.event.Topic;
import dev.stockwatch.udfs.parse.Utf8Text;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.flink.util.TimeUtils;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code stockwatch publish --input DIR [--config FILE] [--speedup N|max] [--max-pause DURATION]
 * [--key value ...]}: publishes a replay directory ({@code DIR/<topic>.jsonl}) to the input topics
 * named by the configuration, in event-time order, keyed as SPEC §2 says (customerId, or sku for
 * stock and catalog). Lines that do not parse are published as they are, right after the line
 * before them in the same file (they are the job's dead letters), keyed {@code line-N} (a
 * compacted topic refuses records without a key).
 *
 * <p>{@code --speedup N} paces the records: the pause between two records is their event-time
 * distance divided by N, at most {@code --max-pause} (default {@code 5 s}); {@code max} (the
 * default) publishes as fast as the broker takes them. The {@code at} fields are published
 * unchanged. Against a running job, keep every pause shorter than the job's {@code
 * input.idle-timeout}: a partition silent for longer lets event time follow the wall clock, and
 * older records published afterwards are late.
 */
public final class PublishCommand {
    private static final Set<String> OPTIONS = Set.of("input", "config", "speedup", "max-pause");

    private final PrintStream out;

    PublishCommand(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        List<String> list = Arrays.asList(args);
        if (!list.isEmpty() && list.get(0).equals("publish")) {
            list = list.subList(1, list.size());
        }
        try {
            new PublishCommand(System.out).run(list);
        } catch (UsageException | dev.stockwatch.udfs.config.ConfigException e) {
            System.err.println("stockwatch publish: " + e.getMessage());
            System.exit(2);
        }
    }

    /** One input line, where it goes and when. */
    public record Line(Topic topic, long at, long lineNumber, String key, String payload) {}

    /** Event-time order ({@link OrderKey}), the line number standing for the input order. */
    private static final Comparator<Line> PUBLISH_ORDER =
            Comparator.comparing(l -> OrderKey.ofInput(l.topic(), l.at(), 0, l.lineNumber()));

    int run(List<String> argList) throws Exception {
        Args args = Args.parse(argList, OPTIONS);
        Path input = Path.of(args.required("input"));
        if (!Files.isDirectory(input)) {
            throw new UsageException("--input " + input + " is not a directory");
        }
        String configFile = args.options.get("config");
        StockwatchConfig config = StockwatchConfig.load(configFile == null ? null : Path.of(configFile), args.configKeys);
        double speedup = parseSpeedup(args.options.getOrDefault("speedup", "max"));
        Duration maxPause = parseDuration("max-pause", args.options.getOrDefault("max-pause", "5 s"));

        List<Line> lines = read(input);
        Map<Topic, Long> counts = new EnumMap<>(Topic.class);
        out.printf("Publishing %,d records from %s to %s (speed-up %s) ...%n", lines.size(), input,
                config.kafkaBootstrapServers, Double.isInfinite(speedup) ? "max" : speedup + "x");
        long started = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties(config))) {
            long previousAt = Long.MIN_VALUE;
            for (Line line : lines) {
                if (!Double.isInfinite(speedup) && previousAt != Long.MIN_VALUE && line.at() > previousAt) {
                    long pause = (long) Math.min((line.at() - previousAt) / speedup, maxPause.toMillis());
                    if (pause > 0) {
                        producer.flush();
                        Thread.sleep(pause);
                    }
                }
                if (line.at() != Long.MIN_VALUE) {
                    previousAt = line.at();
                }
                producer.send(new ProducerRecord<>(config.topic(line.topic()),
                        line.key() == null ? null : line.key().getBytes(StandardCharsets.UTF_8),
                        line.payload().getBytes(StandardCharsets.UTF_8)));
                counts.merge(line.topic(), 1L, Long::sum);
            }
            producer.flush();
        }
        for (Map.Entry<Topic, Long> e : counts.entrySet()) {
            out.printf("  %-12s %,8d records -> %s%n", e.getKey().defaultName(), e.getValue(), config.topic(e.getKey()));
        }
        out.printf("Published in %.1f s%n", (System.nanoTime() - started) / 1e9);
        return 0;
    }

    /** Every line of every input file, in publishing order. */
    public static List<Line> read(Path dir) throws IOException {
        List<Line> lines = new ArrayList<>();
        for (Topic topic : Topic.values()) {
            Path file = ReplayFiles.fileOf(dir, topic);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            long lineNumber = 0;
            long lastAt = Long.MIN_VALUE;
            try (ByteLines raw = new ByteLines(Files.newInputStream(file))) {
                while (raw.next()) {
                    lineNumber++;
                    if (raw.isBlank()) {
                        continue;
                    }
                    // a line that is not UTF-8 goes out with U+FFFD for its bad bytes
                    String text = Utf8Text.decode(raw.bytes(), 0, raw.length()).text();
                    ShopEvent event = InputParsing.parse(topic, topic.defaultName(), -1, lineNumber, text, Long.MAX_VALUE);
                if (!event.isDeadLetter()) {
                    lastAt = event.at();
                }
                    String key = event.isDeadLetter() ? "line-" + lineNumber : keyOf(event);
                    lines.add(new Line(topic, lastAt, lineNumber, key, text));
                }
            }
        }
        lines.sort(PUBLISH_ORDER);
        return lines;
    }

    /** The Kafka key of an input event (SPEC §2), null for a line that does not parse. */
    public static String keyOf(ShopEvent e) {
        if (e.isDeadLetter()) {
            return null;
        }
        return switch (e.topic()) {
            case CUSTOMERS -> e.customer().customerId();
            case ENGAGEMENT -> e.engagement().customerId();
            case CATALOG -> e.catalog().sku();
            case STOCK -> e.stock().sku();
            case ORDERS -> e.order().customerId();
            case INTEREST -> e.interest().customerId();
            case CART -> e.cart().customerId();
        };
    }

    static Properties producerProperties(StockwatchConfig config) {
        Properties p = new Properties();
        p.putAll(config.kafkaProperties());
        p.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrapServers);
        p.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        p.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.setProperty(ProducerConfig.CLIENT_ID_CONFIG, "stockwatch-publish-" + Instant.now().toEpochMilli());
        p.setProperty(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.setProperty(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    private static double parseSpeedup(String text) {
        if (text.equalsIgnoreCase("max")) {
            return Double.POSITIVE_INFINITY;
        }
        try {
            double v = Double.parseDouble(text.trim());
            if (v > 0 && !Double.isNaN(v)) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException("--speedup must be a positive number or \"max\", was \"" + text + "\"");
    }

    private static Duration parseDuration(String option, String text) {
        try {
            return TimeUtils.parseDuration(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + option + " must be a duration such as \"5 s\", was \"" + text + "\"");
        }
    }
}
