package dev.stockwatch.job.live;

import dev.stockwatch.job.cli.LocalEnvironment;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockwatch.job.cli.LiveCommand;
import dev.stockwatch.job.cli.PublishCommand;
import dev.stockwatch.job.io.KafkaOutputs;
import dev.stockwatch.job.io.Replay;
import dev.stockwatch.job.io.ReplayOutput;
import dev.stockwatch.job.model.OutputRecord;
import dev.stockwatch.udfs.config.StockwatchConfig;
import dev.stockwatch.udfs.event.Topic;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The live job end to end: a real Kafka broker in this JVM, the job on a MiniCluster reading the
 * input topics and writing the output topics through Kafka transactions, the output read with
 * {@code read_committed} as a sender would.
 */
class LiveEndToEndTest {
    private static final Path SAMPLE = Path.of("..", "sample-data", "day-in-the-shop");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PARTITIONS = 3;
    private static final int PARALLELISM = 2;

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = localCluster();

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = EmbeddedKafka.start(Path.of("target", "tmp", "kafka-" + UUID.randomUUID()));
    }

    @AfterAll
    static void stopKafka() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    /**
     * The sample day published to Kafka gives, record for record, what its replay gives: the same
     * keys, {@code kind} headers and payloads on every output topic. Bad records on every input
     * topic reach {@code notify.dlq} with the partition and offset they were read at.
     *
     * <p>A live job never ends, and its event time follows its inputs: after the sample, one
     * "clock" record on every partition of every input topic, stamped {@code input.max-delay}
     * + 1 ms after the replay's final instant, brings the watermark exactly to that instant.
     * The clock records themselves lie after it, so they are never applied. The idle timeout is
     * longer than the test, so the wall clock (two days after the sample) plays no part.
     */
    @Test
    void sampleDayOnKafkaGivesTheReplayOutputRecordForRecord() throws Exception {
        StockwatchConfig replayConfig = StockwatchConfig.defaults();
        StreamExecutionEnvironment replayEnv = StreamExecutionEnvironment.getExecutionEnvironment();
        replayEnv.setParallelism(PARALLELISM);
        Replay.Result replay = Replay.run(replayEnv, SAMPLE, replayConfig, null, null);

        String run = "e2e";
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("kafka.bootstrap-servers", kafka.bootstrapServers());
        keys.put("kafka.group-id", "stockwatch-" + run);
        keys.put("kafka.transactional-id-prefix", "stockwatch-" + run);
        keys.put("input.idle-timeout", "10 min");
        keys.put("checkpoint.interval", "1 s");
        StockwatchConfig config = StockwatchConfig.load(null, keys);
        createTopics(config);

        // the sample, keyed as producers would key it, in event-time order per topic
        Map<String, String> sentPayloads = new HashMap<>();
        List<Poison> poisons = new ArrayList<>();
        try (KafkaProducer<String, String> producer = kafka.producer()) {
            boolean[] poisoned = new boolean[Topic.values().length];
            for (PublishCommand.Line line : PublishCommand.read(SAMPLE)) {
                String topic = config.topic(line.topic());
                send(producer, new ProducerRecord<>(topic, line.key(), line.payload()), sentPayloads);
                if (!poisoned[line.topic().ordinal()]) {
                    poisoned[line.topic().ordinal()] = true;
                    String payload = poisonFor(line.topic());
                    RecordMetadata m = send(producer, new ProducerRecord<>(topic, null, payload), sentPayloads);
                    poisons.add(new Poison(topic, m.partition(), m.offset(), payload));
                }
            }
            long clockAt = replay.until() + config.inputMaxDelay.toMillis() + 1;
            for (Topic t : Topic.values()) {
                for (int p = 0; p < PARTITIONS; p++) {
                    send(producer, new ProducerRecord<>(config.topic(t), p, "clock", clockRecord(t, clockAt)), sentPayloads);
                }
            }
        }
        assertThat(poisons).hasSize(Topic.values().length);

        long expectedRecords = replay.output().byTopic().values().stream().mapToLong(List::size).sum() + poisons.size();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(PARALLELISM);
        LiveCommand.define(env, config);
        long started = System.nanoTime();
        JobClient job = env.executeAsync("stockwatch live e2e");
        List<ConsumerRecord<String, String>> live;
        try (KafkaConsumer<String, String> reader = kafka.committedReader(outputTopics(config))) {
            live = EmbeddedKafka.readUntil(reader, Duration.ofSeconds(60), all -> all.size() >= expectedRecords);
            System.out.printf("live e2e: %d of %d expected records committed after %.1f s%n",
                    live.size(), expectedRecords, (System.nanoTime() - started) / 1e9);
            // a few more checkpoints: nothing beyond the expected may follow
            live.addAll(EmbeddedKafka.readUntil(reader, Duration.ofSeconds(3), all -> false));
        } finally {
            job.cancel().get();
        }

        Map<String, List<String>> byTopic = live.stream().collect(Collectors.groupingBy(
                ConsumerRecord::topic, Collectors.mapping(LiveEndToEndTest::describe, Collectors.toList())));
        for (String suffix : ReplayOutput.TOPICS) {
            if (suffix.equals(OutputRecord.DLQ)) {
                continue;
            }
            List<String> expected = replay.output().records(suffix).stream().map(LiveEndToEndTest::describe).toList();
            assertThat(byTopic.getOrDefault(outputTopic(config, suffix), List.of()))
                    .as(outputTopic(config, suffix))
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
        assertThat(replay.output().records("email")).isNotEmpty();
        assertThat(replay.output().records("conversions")).as("the sample's conversion, exactly once on Kafka too").isNotEmpty();

        // dead letters: the sample's own (the replay has them with line numbers) and the poison
        List<ConsumerRecord<String, String>> dlq = live.stream()
                .filter(r -> r.topic().equals(outputTopic(config, OutputRecord.DLQ)))
                .toList();
        List<String> expectedDeadLetters = new ArrayList<>();
        for (OutputRecord r : replay.output().records(OutputRecord.DLQ)) {
            JsonNode d = JSON.readTree(r.json());
            expectedDeadLetters.add(d.path("source").asText() + " | " + d.path("payload").asText());
        }
        poisons.forEach(p -> expectedDeadLetters.add(p.topic() + " | " + p.payload()));
        List<String> deadLetters = new ArrayList<>();
        Map<String, JsonNode> deadLetterAt = new HashMap<>();
        for (ConsumerRecord<String, String> r : dlq) {
            JsonNode d = JSON.readTree(r.value());
            assertThat(d.path("reason").asText()).as(r.value()).isNotBlank();
            assertThat(d.has("partition")).as(r.value()).isTrue();
            String at = d.path("source").asText() + "/" + d.path("partition").asInt() + "@" + d.path("offset").asLong();
            assertThat(sentPayloads.get(at)).as("the record at " + at).isEqualTo(d.path("payload").asText());
            assertThat(r.key()).isEqualTo(d.path("source").asText());
            assertThat(r.headers().lastHeader(KafkaOutputs.KIND_HEADER)).isNull();
            deadLetters.add(d.path("source").asText() + " | " + d.path("payload").asText());
            deadLetterAt.put(at, d);
        }
        assertThat(deadLetters).containsExactlyInAnyOrderElementsOf(expectedDeadLetters);
        for (Poison p : poisons) {
            assertThat(deadLetterAt).as("a dead letter for " + p).containsKey(p.topic() + "/" + p.partition() + "@" + p.offset());
        }
        Poison future = poisons.stream().filter(p -> p.topic().equals(config.topic(Topic.ORDERS))).findFirst().orElseThrow();
        assertThat(deadLetterAt.get(future.topic() + "/" + future.partition() + "@" + future.offset()).path("reason").asText())
                .as("an order stamped in 2099 is rejected live")
                .contains("input.max-future");
    }

    /**
     * SPEC §9: with no traffic at all, event time follows the wall clock. A cart left an hour ago
     * minus a few seconds gets its step-1 reminder when the hour is up, although nothing else
     * arrives on any topic; not before, and not long after ({@code input.max-delay} 1 s, {@code
     * input.idle-timeout} 1 s, one checkpoint).
     */
    @Test
    void withoutTrafficTheReminderGoesOutWhenItIsDue() throws Exception {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("kafka.bootstrap-servers", kafka.bootstrapServers());
        keys.put("kafka.group-id", "stockwatch-quiet");
        keys.put("kafka.transactional-id-prefix", "stockwatch-quiet");
        for (Topic t : Topic.values()) {
            keys.put("topic." + t.defaultName(), "quiet." + t.defaultName());
        }
        keys.put("sink.topic-prefix", "quiet.notify.");
        keys.put("input.idle-timeout", "1 s");
        keys.put("input.max-delay", "1 s");
        keys.put("checkpoint.interval", "1 s");
        StockwatchConfig config = StockwatchConfig.load(null, keys);
        Map<String, Integer> topics = new LinkedHashMap<>();
        for (Topic t : Topic.values()) {
            topics.put(config.topic(t), 1);
        }
        outputTopics(config).forEach(t -> topics.put(t, 1));
        kafka.createTopics(topics);

        long due = (System.currentTimeMillis() / 1000 + 8) * 1000;
        Instant cartAt = Instant.ofEpochMilli(due).minus(Duration.ofHours(1));
        try (KafkaProducer<String, String> producer = kafka.producer()) {
            producer.send(new ProducerRecord<>(config.topic(Topic.CUSTOMERS), "c-night",
                    "{\"customerId\":\"c-night\",\"email\":\"night@example.com\",\"consent\":{\"email\":true},"
                            + "\"at\":\"" + cartAt.minus(Duration.ofDays(1)) + "\"}")).get();
            producer.send(new ProducerRecord<>(config.topic(Topic.CART), "c-night",
                    "{\"type\":\"add\",\"customerId\":\"c-night\",\"sku\":\"MUG-01\",\"quantity\":1,"
                            + "\"unitPrice\":39.0,\"currency\":\"PLN\",\"at\":\"" + cartAt + "\"}")).get();
        }

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        LiveCommand.define(env, config);
        JobClient job = env.executeAsync("stockwatch live quiet");
        List<ConsumerRecord<String, String>> email;
        long receivedAt;
        try (KafkaConsumer<String, String> reader = kafka.committedReader(List.of(outputTopic(config, "email")))) {
            email = EmbeddedKafka.readUntil(reader, Duration.ofSeconds(40), all -> !all.isEmpty());
            receivedAt = System.currentTimeMillis();
        } finally {
            job.cancel().get();
        }
        System.out.printf("live quiet: reminder due at %s read %.1f s later%n", Instant.ofEpochMilli(due), (receivedAt - due) / 1e3);

        assertThat(email).hasSize(1);
        JsonNode n = JSON.readTree(email.get(0).value());
        assertThat(email.get(0).key()).isEqualTo("c-night");
        assertThat(n.path("kind").asText()).isEqualTo("abandoned_cart");
        assertThat(n.path("step").asInt()).isEqualTo(1);
        assertThat(Instant.parse(n.path("eventTime").asText()).toEpochMilli()).isEqualTo(due);
        assertThat(receivedAt).as("not before it is due").isGreaterThanOrEqualTo(due);
        assertThat(receivedAt - due).as("soon after it is due").isLessThan(20_000);
    }

    /** A bad record of every kind, one per input topic; the order one is bad only live. */
    private static String poisonFor(Topic topic) {
        return switch (topic) {
            case CUSTOMERS -> "{\"customerId\":\"\",\"at\":\"2026-11-20T10:00:00Z\"}";
            case ENGAGEMENT -> "{\"customerId\":\"c-ania\",\"channels\":{\"email\":{\"status\":\"gone\"}},\"at\":\"2026-11-20T10:00:00Z\"}";
            case CATALOG -> "catalog garbage {";
            case STOCK -> "{\"sku\":\"KSM175-ER\",\"location\":\"online\",\"available\":\"three\",\"at\":\"2026-11-20T10:00:00Z\"}";
            case ORDERS -> "{\"orderId\":\"o-future\",\"customerId\":\"c-ania\",\"channel\":\"online\","
                    + "\"items\":[{\"sku\":\"KSM175-ER\",\"quantity\":1,\"unitPrice\":2499.0}],\"at\":\"2099-01-01T00:00:00Z\"}";
            case INTEREST -> "{\"type\":\"subscribe\",\"customerId\":\"c-ania\",\"at\":\"2026-11-20T10:00:00Z\"}";
            case CART -> "{\"type\":\"add\",\"customerId\":\"c-iga\",\"sku\":\"MUG-01\",\"quantity\":-2,\"unitPrice\":39.0,"
                    + "\"at\":\"2026-11-20T12:05:00Z\"}";
        };
    }

    /** A valid record that touches nobody in the sample. */
    static String clockRecord(Topic topic, long at) {
        String when = Instant.ofEpochMilli(at).toString();
        return switch (topic) {
            case CUSTOMERS -> "{\"customerId\":\"clock\",\"at\":\"" + when + "\"}";
            case ENGAGEMENT -> "{\"customerId\":\"clock\",\"channels\":{},\"at\":\"" + when + "\"}";
            case CATALOG -> "{\"sku\":\"clock\",\"name\":\"clock\",\"at\":\"" + when + "\"}";
            case STOCK -> "{\"sku\":\"clock\",\"location\":\"online\",\"available\":0,\"at\":\"" + when + "\"}";
            case ORDERS -> "{\"orderId\":\"clock\",\"customerId\":\"clock\",\"channel\":\"online\","
                    + "\"items\":[{\"sku\":\"clock\",\"quantity\":1,\"unitPrice\":0}],\"at\":\"" + when + "\"}";
            case INTEREST -> "{\"type\":\"unsubscribe\",\"customerId\":\"clock\",\"sku\":\"clock\",\"at\":\"" + when + "\"}";
            case CART -> "{\"type\":\"clear\",\"customerId\":\"clock\",\"at\":\"" + when + "\"}";
        };
    }

    record Poison(String topic, int partition, long offset, String payload) {}

    private static RecordMetadata send(KafkaProducer<String, String> producer, ProducerRecord<String, String> record,
            Map<String, String> sent) throws Exception {
        RecordMetadata m = producer.send(record).get();
        sent.put(m.topic() + "/" + m.partition() + "@" + m.offset(), record.value());
        return m;
    }

    private static void createTopics(StockwatchConfig config) throws Exception {
        Map<String, Integer> topics = new LinkedHashMap<>();
        for (Topic t : Topic.values()) {
            topics.put(config.topic(t), PARTITIONS);
        }
        outputTopics(config).forEach(t -> topics.put(t, PARTITIONS));
        kafka.createTopics(topics);
    }

    static List<String> outputTopics(StockwatchConfig config) {
        return ReplayOutput.TOPICS.stream().map(suffix -> outputTopic(config, suffix)).toList();
    }

    static String describe(OutputRecord r) {
        return r.key() + " | " + r.kind() + " | " + r.json();
    }

    static String describe(ConsumerRecord<String, String> r) {
        Header kind = r.headers().lastHeader(KafkaOutputs.KIND_HEADER);
        return r.key() + " | " + (kind == null ? null : new String(kind.value(), StandardCharsets.UTF_8)) + " | " + r.value();
    }

    /** A MiniCluster of one TaskManager with four slots, every address on 127.0.0.1. */
    static MiniClusterExtension localCluster() {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setConfiguration(localOnly())
                .setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(4)
                .build());
    }

    static Configuration localOnly() {
        return LocalEnvironment.localOnly(Path.of("target", "tmp"));
    }

    static String outputTopic(StockwatchConfig config, String suffix) {
        return config.sinkTopicPrefix + suffix;
    }
}
