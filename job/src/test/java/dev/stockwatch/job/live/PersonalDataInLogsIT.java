package dev.stockwatch.job.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No personal data in any log the live tests produced: the JobManager, TaskManager, client and
 * RocksDB logs of {@link LiveClusterIT}'s cluster, the Stateful Functions runtime and function
 * server of {@link EngagementRuntimeIT}, and the test JVM's own log (the Kafka broker, the
 * producers and consumers, the in-process job). The contact data looked for is every email,
 * phone, push token, messenger id and feedback address of the inputs those tests published.
 * Dead letters keep their payloads on {@code notify.dlq}, a data topic, not a log.
 *
 * <p>Runs after the other live tests (the live-cluster profile runs its classes in alphabetical
 * order), and fails if their logs are not there.
 */
class PersonalDataInLogsIT {
    private static final Path TARGET = Path.of("target").toAbsolutePath();

    @Test
    void noEmailPhoneTokenOrMessengerIdOfTheInputsIsInAnyLog() throws Exception {
        Path cluster = TARGET.resolve("live-cluster-run");
        Path engagement = TARGET.resolve("engagement-run");
        List<Path> inputs = new ArrayList<>();
        try (Stream<Path> day = Files.list(cluster.resolve("busy-day"))) {
            inputs.addAll(day.filter(p -> p.toString().endsWith(".jsonl")).toList());
        }
        inputs.add(engagement.resolve("feedback.jsonl"));
        Set<String> contacts = PersonalData.in(inputs);
        assertThat(contacts).as("contact data in the live inputs").hasSizeGreaterThan(1000);

        List<Path> logs = List.of(cluster.resolve("flink").resolve("log"), engagement.resolve("statefun").resolve("log"),
                TARGET.resolve("live-test-jvm.log"));
        for (Path log : logs) {
            assertThat(log).as("a log of the live tests").exists();
        }
        assertThat(cluster.resolve("flink/log")).isDirectoryContaining(p -> p.getFileName().toString().startsWith("taskmanager"))
                .isDirectoryContaining(p -> p.getFileName().toString().startsWith("jobmanager"))
                .isDirectoryContaining(p -> p.getFileName().toString().startsWith("client"));
        assertThat(Files.readString(TARGET.resolve("live-test-jvm.log"))).as("the broker logs into the test JVM's log")
                .contains("org.apache.kafka");

        assertThat(PersonalData.leaks(contacts, logs)).as("personal data in logs").isEmpty();
    }
}
