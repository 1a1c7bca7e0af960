package dev.stockwatch.job.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockwatch.job.io.Replay;
import dev.stockwatch.job.io.ReplayOutput;
import dev.stockwatch.job.model.OutputRecord;
import dev.stockwatch.job.report.ReplayFigures;
import dev.stockwatch.udfs.config.StockwatchConfig;
import dev.stockwatch.udfs.event.Topic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline on a MiniCluster, replaying scenario files. */
class PipelineScenarioTest {
    static final Path SAMPLE = Path.of("..", "sample-data", "day-in-the-shop");

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(4)
            .build());

    static Replay.Result replay(Path input, int parallelism, Map<String, String> config) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        return Replay.run(env, input, StockwatchConfig.load(null, config), null, null);
    }

    @Test
    void theSampleDayGivesExactlyTheNotificationsItsReadmeTells() throws Exception {
        Replay.Result result = replay(SAMPLE, 2, Map.of());
        assertThat(Decisions.of(result.output())).containsExactlyInAnyOrder(
                "email back_in_stock c-ania [HB-200, KSM175-ER] 2026-11-20T10:01:00Z",
                "push back_in_stock c-chloe [KSM175-ER] 2026-11-20T10:01:00Z",
                "sms back_in_stock c-ben [KSM175-ER] 2026-11-20T13:00:00Z",
                "suppressed back_in_stock c-dan [KSM175-ER] 2026-11-20T10:01:00Z no_reachable_channel",
                "suppressed back_in_stock c-eve [KSM175-ER] 2026-11-20T10:01:00Z unknown_customer",
                "suppressed back_in_stock c-frank [GONE-1] 2026-11-18T09:00:00Z expired",
                "email sold_out_again c-ania [KSM175-ER] 2026-11-20T15:00:00Z",
                "sms sold_out_again c-ben [KSM175-ER] 2026-11-20T15:00:00Z",
                "suppressed sold_out_again c-dan [KSM175-ER] 2026-11-20T15:00:00Z not_notified",
                "suppressed sold_out_again c-eve [KSM175-ER] 2026-11-20T15:00:00Z not_notified",
                "email abandoned_cart c-iga [MUG-01, TEA-07] 2026-11-20T13:20:00Z step=1",
                "suppressed abandoned_cart c-jan [KSM175-ER] 2026-11-20T13:00:00Z step=1 segment_excluded",
                "email back_in_stock c-mia [KT-10] 2026-11-20T09:01:00Z",
                "viber sold_out_again c-mia [KT-10] 2026-11-20T12:00:00Z",
                "email abandoned_cart c-nora [FP-3] 2026-11-19T11:00:00Z step=1",
                "email abandoned_cart c-nora [FP-3] 2026-11-20T10:00:00Z step=2 incentive=10%",
                "email abandoned_cart c-olga [HB-200] 2026-11-18T11:00:00Z step=1",
                "email abandoned_cart c-olga [HB-200] 2026-11-19T19:00:00Z step=2 incentive=10%");
        // Iga's home store reported 6 mugs; it never reported the tea
        assertThat(result.output().lines("email")).filteredOn(l -> l.contains("c-iga")).singleElement()
                .satisfies(l -> assertThat(l).contains("\"sku\":\"MUG-01\",\"quantity\":1,")
                        .contains("\"currency\":\"PLN\",\"inStore\":6}").containsOnlyOnce("inStore"));
        // one conversion per kind: Chloe's mixer, Mia's kettle after it sold out (not her mugs), Nora's press after step 2
        assertThat(Decisions.conversions(result.output())).containsExactlyInAnyOrder(
                "o-1001 c-chloe bis-d2b1bc8289c608ce72a0d8eb83428de3 back_in_stock [KSM175-ER] 2499.0 2026-11-20T11:30:00Z",
                "p-78 c-mia soa-7a7ee27a783416d7884daf984b5aa270 sold_out_again [KT-10] 189.0 2026-11-20T14:00:00Z",
                "o-1003 c-nora cart-a002f19f7e7709a34b969c38e0b998f4 abandoned_cart step=2 [FP-3] 129.0 2026-11-20T11:00:00Z");
        assertThat(result.output().lines(OutputRecord.DLQ)).hasSize(4)
                .anySatisfy(l -> assertThat(l).contains("\"reason\":\"stock.available must be >= 0, was -1\"")
                        .contains("\"source\":\"stock\"").contains("\"offset\":6"));
        // every line of every file is counted once, as processed or as a dead letter with its source
        for (Topic topic : Topic.values()) {
            Path file = SAMPLE.resolve(topic.defaultName() + ".jsonl");
            long lines = Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> !l.isBlank()).count() : 0;
            long deadLetters = result.output().lines(OutputRecord.DLQ).stream()
                    .filter(l -> l.contains("\"source\":\"" + topic.defaultName() + "\"")).count();
            assertThat(count(result, Accounting.READ, topic)).as("read " + topic).isEqualTo(lines);
            assertThat(count(result, Accounting.DEAD_LETTERED, topic)).as("dead-lettered " + topic).isEqualTo(deadLetters);
            assertThat(count(result, Accounting.PROCESSED, topic)).as("processed " + topic).isEqualTo(lines - deadLetters);
        }
        assertThat(count(result, Accounting.READ, Topic.STOCK)).isEqualTo(11);
        assertThat(count(result, Accounting.PROCESSED, Topic.ENGAGEMENT)).isEqualTo(2);
        // Ania (blender, mixer), Ben, Chloe and Mia were told; Chloe bought, the mixer sold out on Ania and Ben,
        // the kettle on Mia
        assertThat(result.counters()).containsEntry(dev.stockwatch.job.delivery.Funnel.NOTIFIED, 5L)
                .containsEntry(dev.stockwatch.job.delivery.Funnel.PURCHASED, 1L)
                .containsEntry(dev.stockwatch.job.delivery.Funnel.SOLD_OUT_AGAIN, 3L);
    }

    @Test
    void linesThatAreNotUtf8OrVeryLongAreDeadLetteredAndTheRestGoesOn(@TempDir Path dir) throws Exception {
        byte[] good = "{\"type\":\"subscribe\",\"customerId\":\"c-1\",\"sku\":\"S-1\",\"at\":\"2026-11-20T10:00:00Z\"}\r\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] latin1 = "{\"type\":\"subscribe\",\"customerId\":\"c-\u00e9\",\"sku\":\"S-1\",\"at\":\"2026-11-20T10:00:00Z\"}\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        String prefix = "{\"sku\":\"S-1\",\"available\":-1,\"at\":\"2026-11-20T10:00:00Z\",\"note\":\"";
        String long1 = prefix + "a".repeat(65_535 - prefix.length()) + "\uD83D\uDE00\"}\n";
        Files.write(dir.resolve("interest.jsonl"), concat(good, latin1, "\n  \n".getBytes(), good));
        Files.writeString(dir.resolve("stock.jsonl"), long1 + "{\"sku\":\"S-1\",\"available\":1,\"at\":\"2026-11-20T11:00:00Z\"}\n"
                + "{\"sku\":\"CLOCK\",\"available\":0,\"at\":\"2026-11-20T12:00:00Z\"}",
                java.nio.charset.StandardCharsets.UTF_8);
        Replay.Result result = replay(dir, 2, Map.of());
        List<String> dlq = result.output().lines(OutputRecord.DLQ);
        assertThat(dlq).hasSize(2);
        assertThat(dlq).anySatisfy(l -> assertThat(l).contains("\"reason\":\"not valid UTF-8 text\"")
                .contains("\"source\":\"interest\"").contains("\"offset\":2"));
        assertThat(dlq).anySatisfy(l -> assertThat(l).contains("\"source\":\"stock\"").contains("\"offset\":1")
                .doesNotContain("\\uD83D").doesNotContain("\uD83D\uDE00"));
        assertThat(count(result, Accounting.READ, Topic.INTEREST)).as("blank lines are not records").isEqualTo(3);
        assertThat(Decisions.of(result.output())).as("the good lines still count")
                .containsExactly("suppressed back_in_stock c-1 [S-1] 2026-11-20T11:01:00Z unknown_customer");
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void outputIsTheSameBytesAtParallelism1And4() throws Exception {
        Replay.Result oneResult = replay(SAMPLE, 1, Map.of());
        Replay.Result fourResult = replay(SAMPLE, 4, Map.of());
        ReplayOutput one = oneResult.output();
        ReplayOutput four = fourResult.output();
        for (String topic : ReplayOutput.TOPICS) {
            assertThat(four.lines(topic)).as(topic).containsExactlyElementsOf(one.lines(topic));
        }
        assertThat(one.lines("email")).isNotEmpty();
        assertThat(ReplayFigures.of(fourResult).prettyJson()).as("summary.json")
                .isEqualTo(ReplayFigures.of(oneResult).prettyJson());
    }

    @Test
    void theSampleDaysFiguresHaveBothFunnelsAndTheShareOfRevenue() throws Exception {
        JsonNode figures = ReplayFigures.of(replay(SAMPLE, 2, Map.of())).json();
        // Iga's step 1 ended (the replay ends before her step 2); Nora's and Olga's moved on; step 2 won
        // Nora's order, Olga's ended with the replay
        assertThat(figures.path("cartLadder").toString()).isEqualTo(
                "[{\"step\":1,\"reminded\":3,\"recovered\":0,\"movedOn\":2,\"ended\":1},"
                        + "{\"step\":2,\"reminded\":2,\"recovered\":1,\"movedOn\":0,\"ended\":1}]");
        JsonNode conversions = figures.path("conversions");
        assertThat(conversions.path("total").asInt()).isEqualTo(3);
        assertThat(conversions.path("revenue").decimalValue()).isEqualByComparingTo("2817.00");
        // 2499 (Chloe) + 2499 (Hana) + 4 x 39 (Kasia) + 129 (Nora) + 189 + 2 x 39 (Mia)
        assertThat(conversions.path("orderRevenue").decimalValue()).isEqualByComparingTo("5550.00");
        assertThat(conversions.path("shareOfOrderRevenue").asDouble()).isEqualTo(0.5076);
        assertThat(conversions.path("byKindAndStep").toString()).isEqualTo(
                "[{\"kind\":\"abandoned_cart\",\"step\":2,\"conversions\":1,\"revenue\":129.00},"
                        + "{\"kind\":\"back_in_stock\",\"conversions\":1,\"revenue\":2499.00},"
                        + "{\"kind\":\"sold_out_again\",\"conversions\":1,\"revenue\":189.00}]");
        assertThat(figures.path("waitingLists").toString()).isEqualTo(
                "[{\"sku\":\"KSM175-ER\",\"waitingAtRestock\":5,\"toldBackInStock\":3},"
                        + "{\"sku\":\"HB-200\",\"waitingAtRestock\":1,\"toldBackInStock\":1},"
                        + "{\"sku\":\"KT-10\",\"waitingAtRestock\":1,\"toldBackInStock\":1}]");
    }

    @Test
    void aFileFullOfGarbageIsDeadLetteredAndTheJobFinishes(@TempDir Path dir) throws Exception {
        List<String> garbage = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            garbage.add(switch (i % 5) {
                case 0 -> "}{ not json " + i;
                case 1 -> "[1,2,3]";
                case 2 -> "{\"sku\":\"x\",\"available\":\"many\",\"at\":\"2026-11-20T10:00:00Z\"}";
                case 3 -> "{\"sku\":\"\",\"available\":1,\"at\":\"2026-11-20T10:00:00Z\"}";
                default -> "{\"sku\":\"x\",\"available\":1,\"at\":\"yesterday\"}";
            });
        }
        Files.write(dir.resolve("stock.jsonl"), garbage);
        Files.write(dir.resolve("interest.jsonl"), List.of("\u0000\u0001binary", "{\"type\":\"subscribe\"}"));
        Replay.Result result = replay(dir, 2, Map.of());
        assertThat(result.output().lines(OutputRecord.DLQ)).hasSize(202);
        assertThat(count(result, Accounting.PROCESSED, Topic.STOCK)).isZero();
        assertThat(count(result, Accounting.DEAD_LETTERED, Topic.STOCK)).isEqualTo(200);
        assertThat(Decisions.of(result.output())).isEmpty();
    }

    @Test
    void aDirectoryWithoutAnyInputFileIsAnEmptyReplay(@TempDir Path dir) throws Exception {
        Replay.Result result = replay(dir, 2, Map.of());
        assertThat(Decisions.of(result.output())).isEmpty();
        assertThat(result.output().lines(OutputRecord.DLQ)).isEmpty();
        for (Topic topic : Topic.values()) {
            assertThat(count(result, Accounting.PROCESSED, topic)).as(topic.defaultName()).isZero();
        }
    }

    @Test
    void aCartChangedWhileItsStepIsHeldInQuietHoursIsSuppressedAndTheNewLadderGoesOut(@TempDir Path dir) throws Exception {
        String viber = "\"viber\":\"+48500100200\",\"consent\":{\"viber\":true},\"timezone\":\"UTC\",\"at\":\"2026-11-01T09:00:00Z\"}";
        Files.write(dir.resolve("customers.jsonl"), List.of(
                "{\"customerId\":\"c-kai\"," + viber, "{\"customerId\":\"c-lea\"," + viber));
        Files.write(dir.resolve("cart.jsonl"), List.of(
                cartAdd("c-kai", "MUG-01", "2026-11-20T20:30:00Z"),
                cartAdd("c-lea", "MUG-01", "2026-11-20T20:30:00Z"),
                cartAdd("c-kai", "TEA-07", "2026-11-20T22:00:00Z"),
                cartAdd("c-kai", "JAM-02", "2026-11-20T22:30:00Z")));
        Files.write(dir.resolve("stock.jsonl"), List.of("{\"sku\":\"CLOCK\",\"available\":0,\"at\":\"2026-11-21T09:00:00Z\"}"));
        for (int parallelism : new int[] {1, 3}) {
            assertThat(Decisions.of(replay(dir, parallelism, Map.of()).output())).as("parallelism " + parallelism)
                    .containsExactlyInAnyOrder(
                            "suppressed abandoned_cart c-kai [MUG-01] 2026-11-21T08:00:00Z step=1 cart_changed",
                            "viber abandoned_cart c-kai [JAM-02, MUG-01, TEA-07] 2026-11-21T08:00:00Z step=1",
                            "viber abandoned_cart c-lea [MUG-01] 2026-11-21T08:00:00Z step=1");
        }
    }

    private static String cartAdd(String customer, String sku, String at) {
        return "{\"type\":\"add\",\"customerId\":\"" + customer + "\",\"sku\":\"" + sku
                + "\",\"quantity\":1,\"unitPrice\":10.0,\"currency\":\"PLN\",\"at\":\"" + at + "\"}";
    }

    @Test
    void nothingDueAfterUntilIsEmitted() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        Replay.Result result = Replay.run(env, SAMPLE, StockwatchConfig.defaults(),
                java.time.Instant.parse("2026-11-20T12:59:59Z").toEpochMilli(), null);
        List<String> decisions = Decisions.of(result.output());
        assertThat(decisions).contains("push back_in_stock c-chloe [KSM175-ER] 2026-11-20T10:01:00Z");
        // Ben's held SMS (13:00) and the mixer's sell-out (15:00) lie after --until; the kettle's (12:00) does not
        assertThat(decisions).noneMatch(d -> d.contains("c-ben"))
                .noneMatch(d -> d.contains("sold_out_again") && d.contains("KSM175-ER"))
                .contains("viber sold_out_again c-mia [KT-10] 2026-11-20T12:00:00Z");
        assertThat(count(result, Accounting.AFTER_UNTIL, Topic.STOCK)).isEqualTo(1);
    }

    static long count(Replay.Result result, String what, Topic topic) {
        Object v = result.counters().get(Accounting.counter(what, topic));
        return v instanceof Number n ? n.longValue() : 0L;
    }
}
