package dev.stockwatch.job.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockwatch.job.cli.Main;
import dev.stockwatch.udfs.parse.FeedbackParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engagement function (SPEC §14) on the real Stateful Functions 3.3 runtime: a Flink 1.16
 * JobManager and TaskManager and the function's HTTP server, started by {@code
 * deploy/local/statefun.sh}, against a real Kafka broker in this JVM. Feedback (the sample, with
 * its invalid lines, and generated feedback of many customers) is published to {@code feedback}
 * keyed by customerId; what the runtime writes to {@code engagement} and {@code notify.dlq} must
 * be what {@code stockwatch engagement} gives for the same file: per customer the same records in
 * the same order, and the same dead letters.
 *
 * <p>Needs {@code deploy/local/lib/statefun} ({@code deploy/local/setup.sh}) and {@code
 * engagement/target/stockwatch-engagement.jar} (built before this module by the reactor).
 */
class EngagementRuntimeIT {
    private static final Path ROOT = LocalScripts.ROOT;
    private static final Path SCRIPTS = LocalScripts.DIR;
    private static final Path RUN = Path.of("target", "engagement-run").toAbsolutePath();
    private static final String[] CHANNELS = {"email", "sms", "push", "viber", "whatsapp"};
    private static final String[] EVENTS = {"delivered", "delivered", "opened", "opened", "clicked", "bounced", "bounced",
        "complained", "unsubscribed", "resubscribed"};

    private static EmbeddedKafka kafka;
    private static int functionPort;

    @BeforeAll
    static void start() throws Exception {
        assertThat(SCRIPTS.resolve("lib").resolve("statefun")).as("run deploy/local/setup.sh first").isDirectory();
        assertThat(ROOT.resolve("engagement/target/stockwatch-engagement.jar")).as("package the engagement module first").isRegularFile();
        Files.createDirectories(RUN);
        kafka = EmbeddedKafka.start(RUN.resolve("kafka"));
        kafka.createTopics(Map.of("feedback", 3, "engagement", 3, "notify.dlq", 1));
        functionPort = EmbeddedKafka.freePort();
        statefun("start");
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            statefun("stop");
        } finally {
            if (kafka != null) {
                kafka.close();
            }
        }
    }

    @Test
    void theRuntimeWritesWhatTheInProcessRunnerWrites() throws Exception {
        List<String> feedback = new ArrayList<>(Files.readAllLines(ROOT.resolve("sample-data/feedback/feedback.jsonl")));
        feedback.addAll(generated(new Random(7), 40, 25));
        feedback.add("{\"notificationId\":\"n-x\",\"customerId\":\"c-0\",\"channel\":\"email\",\"event\":\"opened\",\"at\":\"soon\"}");
        Path input = RUN.resolve("feedback.jsonl");
        Files.write(input, feedback);

        Path expectedOut = RUN.resolve("in-process").resolve("engagement.jsonl");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(Main.run(new String[] {"engagement", "--input", input.toString(), "--output", expectedOut.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err)).isZero();
        System.out.print(out.toString(StandardCharsets.UTF_8));
        Map<String, List<String>> expected = byCustomer(Files.readAllLines(expectedOut));
        List<String> expectedDeadLetters = Files.readAllLines(expectedOut.resolveSibling("notify.dlq.jsonl"));
        int expectedRecords = expected.values().stream().mapToInt(List::size).sum();

        long started = System.nanoTime();
        try (KafkaProducer<String, String> producer = kafka.producer()) {
            for (String line : feedback) {
                String key = FeedbackParser.customerIdOf(line);
                producer.send(new ProducerRecord<>("feedback", key == null ? "-" : key, line));
            }
        }
        List<ConsumerRecord<String, String>> records;
        List<ConsumerRecord<String, String>> deadLetters;
        try (KafkaConsumer<String, String> reader = kafka.committedReader(List.of("engagement"));
                KafkaConsumer<String, String> dlq = kafka.committedReader(List.of("notify.dlq"))) {
            records = EmbeddedKafka.readUntil(reader, Duration.ofSeconds(90), all -> all.size() >= expectedRecords);
            System.out.printf("engagement: %d records after %.1f s%n", records.size(), (System.nanoTime() - started) / 1e9);
            deadLetters = EmbeddedKafka.readUntil(dlq, Duration.ofSeconds(30), all -> all.size() >= expectedDeadLetters.size());
            // nothing more comes: no record twice
            records.addAll(EmbeddedKafka.readUntil(reader, Duration.ofSeconds(5), all -> false));
        }

        Map<String, List<String>> actual = new TreeMap<>();
        for (ConsumerRecord<String, String> r : records) {
            actual.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
            assertThat(r.value()).contains("\"customerId\":\"" + r.key() + "\"");
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(deadLetters).extracting(r -> withoutOffset(r.value()))
                .containsExactlyInAnyOrderElementsOf(expectedDeadLetters.stream().map(EngagementRuntimeIT::withoutOffset).toList());
        assertThat(expectedDeadLetters).hasSize(4);
        assertThat(expectedRecords).isGreaterThan(100);
    }

    /** Feedback of {@code customers} customers, {@code each} records each, interleaved, hours apart. */
    private static List<String> generated(Random random, int customers, int each) {
        List<String> lines = new ArrayList<>();
        Instant at = Instant.parse("2026-09-01T00:00:00Z");
        for (int i = 0; i < customers * each; i++) {
            at = at.plusSeconds(600 + random.nextInt(7200));
            String channel = CHANNELS[random.nextInt(2)];
            String event = EVENTS[random.nextInt(EVENTS.length)];
            String address = channel + "-" + random.nextInt(2) + "@c" + i % customers;
            lines.add("{\"notificationId\":\"n-" + i + "\",\"customerId\":\"c-" + i % customers + "\",\"channel\":\"" + channel
                    + "\",\"event\":\"" + event + "\"" + (event.equals("bounced") ? ",\"bounceType\":\""
                    + (random.nextInt(4) == 0 ? "hard" : "soft") + "\"" : "")
                    + ",\"address\":\"" + address + "\",\"at\":\"" + at + "\"}");
        }
        return lines;
    }

    private static Map<String, List<String>> byCustomer(List<String> records) {
        return records.stream().collect(Collectors.groupingBy(r -> r.substring(15, r.indexOf('"', 15)), TreeMap::new,
                Collectors.toList()));
    }

    /** The runtime does not know a record's offset (-1); the runner writes its line number. */
    private static String withoutOffset(String deadLetter) {
        return deadLetter.replaceFirst(",\"offset\":-?\\d+", "");
    }

    private static void statefun(String command) throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("STOCKWATCH_RUN_DIR", RUN.toString());
        env.put("KAFKA_PORT", kafka.bootstrapServers().substring(kafka.bootstrapServers().lastIndexOf(':') + 1));
        env.put("STATEFUN_REST_PORT", "18091");
        env.put("STATEFUN_RPC_PORT", "16133");
        env.put("ENGAGEMENT_PORT", String.valueOf(functionPort));
        LocalScripts.run(env, "statefun.sh", command);
    }
}
