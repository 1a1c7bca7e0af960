package dev.stockwatch.job.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stockwatch engagement}: feedback to engagement records and dead letters, in process. */
class EngagementCommandTest {
    private static final Path SAMPLE = Path.of("..", "sample-data", "feedback", "feedback.jsonl");
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void theSampleFeedbackGivesEachCustomersChangesAndTheDeadLetters(@TempDir Path dir) throws Exception {
        Path output = dir.resolve("engagement.jsonl");
        assertThat(run("engagement", "--input", SAMPLE.toString(), "--output", output.toString())).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("16 lines, 3 customers -> 10 engagement records in", "3 dead letters in");
        List<String> records = Files.readAllLines(output);
        assertThat(records).hasSize(10);
        assertThat(records.get(3)).isEqualTo("{\"customerId\":\"c-ania\",\"channels\":{"
                + "\"email\":{\"status\":\"bounced\",\"address\":\"ania@example.com\"},"
                + "\"viber\":{\"status\":\"ok\",\"address\":\"+48600100200\"}},\"preferredHour\":19,\"at\":\"2026-11-20T10:05:00Z\"}");
        assertThat(records).filteredOn(r -> r.contains("c-nora")).last().asString().contains(
                "\"sms\":{\"status\":\"ok\"", "\"push\":{\"status\":\"ok\"");
        assertThat(Files.readAllLines(dir.resolve("notify.dlq.jsonl"))).extracting(l -> l.substring(0, l.indexOf(",\"payload\"")))
                .containsExactly(
                        "{\"reason\":\"missing required field feedback.bounceType\",\"source\":\"feedback\",\"offset\":13",
                        "{\"reason\":\"feedback.channel must be one of email, sms, push, viber, whatsapp, was \\\"fax\\\"\",\"source\":\"feedback\",\"offset\":14",
                        "{\"reason\":\"missing required field feedback.customerId\",\"source\":\"feedback\",\"offset\":15");
    }

    @Test
    void theEngagementKeysComeFromTheConfiguration(@TempDir Path dir) throws Exception {
        Path output = dir.resolve("engagement.jsonl");
        assertThat(run("engagement", "--input", SAMPLE.toString(), "--output", output.toString(),
                "--engagement.min-opens", "4", "--sink.topic-prefix", "out.")).isZero();
        assertThat(Files.readAllLines(output)).noneMatch(r -> r.contains("preferredHour"));
        assertThat(dir.resolve("out.dlq.jsonl")).isRegularFile();
    }

    @Test
    void aMissingInputIsAUsageError(@TempDir Path dir) {
        assertThat(run("engagement", "--input", dir.resolve("none.jsonl").toString(), "--output", "x")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("is not a file");
    }
}
