package dev.stockwatch.job.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockwatch.job.cli.PublishCommand;
import dev.stockwatch.job.io.Replay;
import dev.stockwatch.job.io.ReplayOutput;
import dev.stockwatch.job.model.OutputRecord;
import dev.stockwatch.udfs.config.StockwatchConfig;
import dev.stockwatch.udfs.event.Topic;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The live job on a real Flink standalone cluster (a JobManager and a TaskManager process started
 * by {@code deploy/local/flink.sh}, the job submitted by {@code deploy/local/job.sh} through the
 * Flink CLI) against a real Kafka broker in this JVM. A generated busy day is published while the
 * job runs; in the middle, the job is disturbed; at the end its committed output must equal the
 * replay of the same day record for record: no notification missing, none twice. The cluster
 * runs with ZooKeeper high availability ({@code deploy/local/zookeeper.sh}, {@code
 * FLINK_HA=zookeeper}), as in production: a TaskManager killed, the JobManager killed, stops with
 * savepoints and restores into the same and the next version.
 *
 * <p>Run with {@code deploy/local/setup.sh --no-build && mvn -B verify -Plive-cluster} (as
 * {@code .ci/run} does): it needs {@code deploy/local/lib}; the profile builds {@code
 * job/target/stockwatch-job.jar} before it runs. The cluster gets its own ports (REST 18081) and run directory
 * ({@code job/target/live-cluster-run}), so a local cluster of one's own may keep running.
 */
class LiveClusterIT {
    private static final Path ROOT = LocalScripts.ROOT;
    private static final Path SCRIPTS = LocalScripts.DIR;
    private static final Path RUN = Path.of("target", "live-cluster-run").toAbsolutePath();
    private static final int REST_PORT = 18081;
    /** Prometheus /metrics of the JobManager and the TaskManager (a restarted TaskManager may take the next). */
    private static final int[] PROMETHEUS_PORTS = {19249, 19250, 19251, 19252};
    private static final int PARTITIONS = 2;
    private static final int CUSTOMERS = 2000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static EmbeddedKafka kafka;
    private static Path day;
    private static Replay.Result replay;

    @BeforeAll
    static void startEverything() throws Exception {
        assertThat(SCRIPTS.resolve("lib").resolve("flink")).as("run deploy/local/setup.sh first").isDirectory();
        assertThat(ROOT.resolve("job/target/stockwatch-job.jar")).as("run mvn install -DskipTests first").isRegularFile();
        Files.createDirectories(RUN);
        kafka = EmbeddedKafka.start(RUN.resolve("kafka"));
        script("zookeeper.sh", "reset");
        script("zookeeper.sh", "start");
        script("flink.sh", "start");

        day = BusyDay.write(RUN.resolve("busy-day"), CUSTOMERS, PARTITIONS);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, LiveEndToEndTest.localOnly());
        replay = Replay.run(env, day, StockwatchConfig.defaults(), null, null);
        System.out.printf("busy day: %d input records, replay output %s%n", PublishCommand.read(day).size(),
                replay.output().byTopic().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue().size()).collect(Collectors.joining(" ")));
        long notifications = replay.output().byTopic().entrySet().stream()
                .filter(e -> !e.getKey().equals(OutputRecord.SUPPRESSED) && !e.getKey().equals(OutputRecord.DLQ))
                .mapToLong(e -> e.getValue().size()).sum();
        assertThat(notifications).as("notifications in the day").isGreaterThanOrEqualTo(2000);
    }

    @AfterAll
    static void stopEverything() throws Exception {
        try {
            script("flink.sh", "stop");
            script("zookeeper.sh", "stop");
        } finally {
            if (kafka != null) {
                kafka.close();
            }
        }
    }

    @Test
    void noNotificationIsLostOrDoubledWhenTheTaskManagerIsKilled() throws Exception {
        survives("crash", "TaskManager", "kill-tm", "start-tm", Duration.ofSeconds(90));
    }

    /** The same job, recovered from ZooKeeper and the HA storage by the new JobManager: no restore by hand. */
    @Test
    void theJobSurvivesAJobManagerKilledMidStreamWithoutLossOrRepetition() throws Exception {
        survives("jm-crash", "JobManager", "kill-jm", "start-jm", Duration.ofSeconds(120));
    }

    /**
     * A {@code kill -9} of one cluster process in the middle of the day, while output is in an
     * open transaction; input keeps coming while it is down; then a new process is started.
     */
    private void survives(String name, String process, String kill, String start, Duration recovery) throws Exception {
        StockwatchConfig config = configure(name);
        script("job.sh", "submit");
        awaitAllTasksRunning(Duration.ofSeconds(60));
        List<PublishCommand.Line> lines = PublishCommand.read(day);
        try (KafkaProducer<String, String> producer = kafka.producer();
                KafkaConsumer<String, String> reader = kafka.committedReader(LiveEndToEndTest.outputTopics(config))) {
            List<ConsumerRecord<String, String>> live = new ArrayList<>();
            publish(producer, config, lines.subList(0, cut(lines, 1, 2)));
            live.addAll(EmbeddedKafka.readUntil(reader, Duration.ofSeconds(60), all -> all.size() >= 10));
            assertThat(live).as("some output committed before the " + process + " dies").isNotEmpty();
            DashboardMetrics.assertExported(ROOT.resolve("deploy/k8s/grafana-dashboard.json"), PROMETHEUS_PORTS, Duration.ofSeconds(60));
            int crashAt = cut(lines, 5, 8);
            publish(producer, config, lines.subList(cut(lines, 1, 2), crashAt));
            System.out.printf("%s: %d records committed, kill -9 the %s%n", name, live.size(), process);
            long killed = System.nanoTime();
            script("flink.sh", kill);
            publish(producer, config, lines.subList(crashAt, cut(lines, 3, 4)));
            script("flink.sh", start);
            awaitAllTasksRunning(recovery);
            System.out.printf("%s: all tasks running again %.1f s after kill -9 of the %s%n", name,
                    (System.nanoTime() - killed) / 1e9, process);
            publish(producer, config, lines.subList(cut(lines, 3, 4), lines.size()));
            publishClock(producer, config);

            assertSameAsReplay(config, live, reader);
        } finally {
            script("job.sh", "cancel");
        }
    }

    @Test
    void savepointsTakenMidStreamRestoreIntoTheSameAndTheNextVersionWithoutLossOrRepetition() throws Exception {
        Restore sameJar = new Restore("the same jar", Map.of(), () -> { });
        // the next version: a jar with a changed code path that holds no state
        Restore nextVersion = new Restore("the next version", Map.of("STOCKWATCH_JAR", upgradedJar().toString(),
                "STOCKWATCH_ENTRY", UpgradedLiveJob.class.getName()),
                () -> assertThat(jobName()).as("the upgraded job runs").contains("upgraded"));
        restores("savepoint", sameJar, nextVersion);
    }

    /**
     * Stop with a savepoint at parallelism 2, restore at 4, stop again, restore at 1, while input
     * keeps coming: keyed state is redistributed by key group, every subtask gets the broadcast
     * catalog and store stock, and the output equals an uninterrupted run.
     */
    @Test
    void rescalingFromTwoToFourToOneLosesAndRepeatsNothing() throws Exception {
        restores("rescale", atParallelism(4), atParallelism(1));
    }

    /**
     * The README's low-latency setting on the real cluster: a savepoint of the RocksDB cluster
     * restored on the cluster started again with {@code FLINK_STATE=low-latency} (heap state with
     * Flink's changelog), a savepoint of that restored on RocksDB again, input flowing throughout.
     * Restored in Flink's default NO_CLAIM mode, the changelog job would fail its first checkpoint
     * again and again and commit nothing; {@code job.sh restore} passes the cluster's CLAIM mode.
     */
    @Test
    void savepointsMoveToTheLowLatencySettingAndBackWithoutLossOrRepetition() throws Exception {
        try {
            restores("low-latency", onCluster("low-latency", "hashmap"), onCluster("rocksdb", "rocksdb"));
        } finally {
            if (!clusterSetting("state.backend.type").equals("rocksdb")) {
                restartCluster("rocksdb");
            }
        }
    }

    /** A restore on the cluster started again with {@code FLINK_STATE=state}. */
    private static Restore onCluster(String state, String backend) {
        return new Restore("the " + state + " cluster", () -> restartCluster(state), Map.of(),
                () -> assertThat(clusterSetting("state.backend.type")).as("the cluster's state backend").isEqualTo(backend));
    }

    private static void restartCluster(String state) throws Exception {
        script("flink.sh", "stop");
        script(Map.of("FLINK_STATE", state), "flink.sh", "start");
    }

    /** A setting of the running cluster's JobManager, "" when it has none. */
    private static String clusterSetting(String key) throws Exception {
        for (var entry : rest("/jobmanager/config")) {
            if (entry.path("key").asText().equals(key)) {
                return entry.path("value").asText();
            }
        }
        return "";
    }

    private static Restore atParallelism(int parallelism) {
        return new Restore("parallelism " + parallelism, Map.of(), () -> assertThat(parallelism())
                .as("the job's parallelism after the restore").isEqualTo(parallelism), "--parallelism", String.valueOf(parallelism));
    }

    /**
     * How a stopped job is submitted again from its savepoint (after {@code prepare}), and what
     * must hold once it runs.
     */
    private record Restore(String what, Check prepare, Map<String, String> env, Check check, String... args) {
        Restore(String what, Map<String, String> env, Check check, String... args) {
            this(what, () -> { }, env, check, args);
        }
    }

    private interface Check {
        void run() throws Exception;
    }

    /**
     * The day with two stops with a savepoint in the middle, input published while the job is
     * down, and two restores: the committed output equals the replay.
     */
    private void restores(String name, Restore first, Restore second) throws Exception {
        StockwatchConfig config = configure(name);
        script("job.sh", "submit");
        awaitAllTasksRunning(Duration.ofSeconds(60));
        List<PublishCommand.Line> lines = PublishCommand.read(day);
        try (KafkaProducer<String, String> producer = kafka.producer();
                KafkaConsumer<String, String> reader = kafka.committedReader(LiveEndToEndTest.outputTopics(config))) {
            List<ConsumerRecord<String, String>> live = new ArrayList<>();
            publish(producer, config, lines.subList(0, cut(lines, 1, 2)));
            live.addAll(EmbeddedKafka.readUntil(reader, Duration.ofSeconds(60), all -> all.size() >= 10));
            assertThat(live).as("some output committed before the first savepoint").isNotEmpty();

            stopWithSavepoint(live.size());
            publish(producer, config, lines.subList(cut(lines, 1, 2), cut(lines, 5, 8))); // while the job is down
            restore(first);
            publish(producer, config, lines.subList(cut(lines, 5, 8), cut(lines, 3, 4)));
            int before = live.size();
            live.addAll(EmbeddedKafka.readUntil(reader, Duration.ofSeconds(60), all -> !all.isEmpty()));
            assertThat(live.size()).as("output committed after the first restore").isGreaterThan(before);

            stopWithSavepoint(live.size());
            publish(producer, config, lines.subList(cut(lines, 3, 4), cut(lines, 7, 8)));
            restore(second);
            publish(producer, config, lines.subList(cut(lines, 7, 8), lines.size()));
            publishClock(producer, config);

            assertSameAsReplay(config, live, reader);
        } finally {
            script("job.sh", "cancel");
        }
    }

    private static void restore(Restore restore) throws Exception {
        restore.prepare().run();
        List<String> args = new ArrayList<>(List.of("restore"));
        args.addAll(List.of(restore.args()));
        script(restore.env(), "job.sh", args.toArray(String[]::new));
        awaitAllTasksRunning(Duration.ofSeconds(60));
        System.out.printf("restored into %s%n", restore.what());
        restore.check().run();
    }

    /** The highest parallelism among the last submitted job's vertices. */
    private static int parallelism() throws Exception {
        int max = 0;
        for (var v : rest("/jobs/" + lastJobId()).path("vertices")) {
            max = Math.max(max, v.path("parallelism").asInt());
        }
        return max;
    }

    /** The index of the first line at or after {@code num/den} of the day's event time. */
    private static int cut(List<PublishCommand.Line> lines, int num, int den) {
        long at = BusyDay.START.plus(BusyDay.LENGTH.multipliedBy(num).dividedBy(den)).toEpochMilli();
        int i = 0;
        while (i < lines.size() && lines.get(i).at() < at) {
            i++;
        }
        return i;
    }

    private static void stopWithSavepoint(int committed) throws Exception {
        System.out.printf("savepoint: %d records committed, stop with a savepoint%n", committed);
        long stopped = System.nanoTime();
        script("job.sh", "savepoint");
        System.out.printf("savepoint: job stopped with a savepoint in %.1f s%n", (System.nanoTime() - stopped) / 1e9);
    }

    /**
     * A copy of the job jar with {@link UpgradedLiveJob} (from the test classes) added: the next
     * version of the job, as a data engineer would build it.
     */
    private static Path upgradedJar() throws IOException {
        Path jar = RUN.resolve("stockwatch-job-upgraded.jar");
        Files.copy(ROOT.resolve("job/target/stockwatch-job.jar"), jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path classes = Path.of("target", "test-classes").toAbsolutePath();
        String prefix = UpgradedLiveJob.class.getName().replace('.', '/');
        String dir = prefix.substring(0, prefix.lastIndexOf('/'));
        try (java.nio.file.FileSystem zip = java.nio.file.FileSystems.newFileSystem(jar);
                var files = Files.list(classes.resolve(dir))) {
            Files.createDirectories(zip.getPath(dir));
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("UpgradedLiveJob")).toList()) {
                Files.copy(f, zip.getPath(dir, f.getFileName().toString()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return jar;
    }

    private static String jobName() throws Exception {
        return rest("/jobs/" + lastJobId()).path("name").asText();
    }

    private static String lastJobId() throws IOException {
        return Files.readString(RUN.resolve("job.id")).trim();
    }

    /** The JSON the cluster's REST API answers at {@code path}. */
    private static JsonNode rest(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + REST_PORT + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    /** Topics, consumer group and transactional ids of this test's own; the wall clock out of play. */
    private static StockwatchConfig configure(String name) throws Exception {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("kafka.bootstrap-servers", kafka.bootstrapServers());
        keys.put("kafka.group-id", "stockwatch-" + name);
        keys.put("kafka.transactional-id-prefix", "stockwatch-" + name);
        for (Topic t : Topic.values()) {
            keys.put("topic." + t.defaultName(), name + "." + t.defaultName());
        }
        keys.put("sink.topic-prefix", name + ".notify.");
        keys.put("input.idle-timeout", "30 min");
        keys.put("checkpoint.interval", "2 s");
        StockwatchConfig config = StockwatchConfig.load(null, keys);
        Map<String, Integer> topics = new LinkedHashMap<>();
        for (Topic t : Topic.values()) {
            topics.put(config.topic(t), PARTITIONS);
        }
        LiveEndToEndTest.outputTopics(config).forEach(t -> topics.put(t, PARTITIONS));
        kafka.createTopics(topics);
        StringBuilder yaml = new StringBuilder();
        keys.forEach((k, v) -> yaml.append(k).append(": \"").append(v).append("\"\n"));
        Files.writeString(RUN.resolve(name + ".yaml"), yaml.toString(), StandardCharsets.UTF_8);
        System.setProperty("stockwatch.it.config", RUN.resolve(name + ".yaml").toString());
        return config;
    }

    /** In event-time order, about 150 records a second, as a busy shop would. */
    private static void publish(KafkaProducer<String, String> producer, StockwatchConfig config,
            List<PublishCommand.Line> lines) throws Exception {
        int n = 0;
        for (PublishCommand.Line line : lines) {
            producer.send(new ProducerRecord<>(config.topic(line.topic()), line.key(), line.payload()));
            if (++n % 20 == 0) {
                producer.flush();
                Thread.sleep(130);
            }
        }
        producer.flush();
    }

    /** Brings event time exactly to the replay's final instant (see {@link LiveEndToEndTest}). */
    private static void publishClock(KafkaProducer<String, String> producer, StockwatchConfig config) throws Exception {
        long clockAt = replay.until() + config.inputMaxDelay.toMillis() + 1;
        for (Topic t : Topic.values()) {
            for (int p = 0; p < PARTITIONS; p++) {
                producer.send(new ProducerRecord<>(config.topic(t), p, "clock", LiveEndToEndTest.clockRecord(t, clockAt)));
            }
        }
        producer.flush();
    }

    private static void assertSameAsReplay(StockwatchConfig config, List<ConsumerRecord<String, String>> live,
            KafkaConsumer<String, String> reader) throws Exception {
        long expected = replay.output().byTopic().values().stream().mapToLong(List::size).sum();
        live.addAll(EmbeddedKafka.readUntil(reader, Duration.ofSeconds(120), all -> all.size() + live.size() >= expected));
        live.addAll(EmbeddedKafka.readUntil(reader, Duration.ofSeconds(5), all -> false)); // nothing more may follow

        List<String> ids = new ArrayList<>();
        for (ConsumerRecord<String, String> r : live) {
            var id = JSON.readTree(r.value()).path("notificationId");
            // a notification's id once on the channel topics; suppressions and conversions refer to ids
            if (!id.isMissingNode() && !r.topic().equals(LiveEndToEndTest.outputTopic(config, OutputRecord.SUPPRESSED))
                    && !r.topic().equals(LiveEndToEndTest.outputTopic(config, dev.stockwatch.job.conversion.AttributionFunction.TOPIC))) {
                ids.add(id.asText());
            }
        }
        assertThat(ids).as("notificationIds sent").doesNotHaveDuplicates();
        Map<String, List<String>> byTopic = live.stream().collect(Collectors.groupingBy(
                ConsumerRecord::topic, Collectors.mapping(LiveEndToEndTest::describe, Collectors.toList())));
        for (String suffix : ReplayOutput.TOPICS) {
            List<String> want = replay.output().records(suffix).stream().map(LiveEndToEndTest::describe).toList();
            assertThat(byTopic.getOrDefault(LiveEndToEndTest.outputTopic(config, suffix), List.of()))
                    .as(LiveEndToEndTest.outputTopic(config, suffix))
                    .containsExactlyInAnyOrderElementsOf(want);
        }
        System.out.printf("%d committed records, the replay's exactly; %d records in the topics including"
                + " those of aborted transactions%n", live.size(), countAll(LiveEndToEndTest.outputTopics(config)));
    }

    /** Every record in the topics, committed or not (read_uncommitted still skips the commit markers). */
    private static long countAll(List<String> topics) {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("bootstrap.servers", kafka.bootstrapServers());
        p.setProperty("isolation.level", "read_uncommitted");
        try (var consumer = new KafkaConsumer<>(p, new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.StringDeserializer())) {
            List<org.apache.kafka.common.TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic).forEach(i -> partitions.add(new org.apache.kafka.common.TopicPartition(topic, i.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            return EmbeddedKafka.readUntil(consumer, Duration.ofSeconds(5), all -> false).size();
        }
    }

    /** Every task of the last submitted job RUNNING (a RUNNING job can still have SCHEDULED tasks). */
    private static void awaitAllTasksRunning(Duration timeout) throws Exception {
        String id = lastJobId();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                var job = rest("/jobs/" + id);
                last = job.path("state").asText();
                boolean all = job.path("vertices").size() > 0;
                for (var v : job.path("vertices")) {
                    all &= v.path("status").asText().equals("RUNNING");
                }
                if (last.equals("RUNNING") && all) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("job " + id + " not running with all tasks after " + timeout + ": " + last);
    }

    private static void script(String name, String... args) throws Exception {
        script(Map.of(), name, args);
    }

    private static void script(Map<String, String> env, String name, String... args) throws Exception {
        Map<String, String> all = new java.util.HashMap<>();
        all.put("STOCKWATCH_RUN_DIR", RUN.toString());
        all.put("FLINK_REST_PORT", String.valueOf(REST_PORT));
        all.put("FLINK_RPC_PORT", "16123");
        all.put("FLINK_HA", "zookeeper");
        all.put("TM_SLOTS", "4"); // the rescale test runs at parallelism 4
        all.put("ZK_PORT", "12181");
        all.put("FLINK_PROM_PORTS", PROMETHEUS_PORTS[0] + "-" + PROMETHEUS_PORTS[PROMETHEUS_PORTS.length - 1]);
        String config = System.getProperty("stockwatch.it.config");
        if (config != null) {
            all.put("STOCKWATCH_CONFIG", config);
        }
        all.putAll(env);
        LocalScripts.run(all, name, args);
    }
}
