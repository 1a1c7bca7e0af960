package dev.stockwatch.udfs.config;

import static dev.stockwatch.udfs.domain.Channel.EMAIL;
import static dev.stockwatch.udfs.domain.Channel.PUSH;
import static dev.stockwatch.udfs.domain.Channel.SMS;
import static dev.stockwatch.udfs.domain.Channel.VIBER;
import static dev.stockwatch.udfs.domain.Channel.WHATSAPP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockwatch.udfs.domain.Incentive;
import dev.stockwatch.udfs.domain.SegmentRule;
import dev.stockwatch.udfs.event.Topic;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** SPEC §1 and §12: defaults, file, command line, and errors that name the key. */
class StockwatchConfigTest {

    @TempDir
    Path dir;

    private Path file(String yaml) throws IOException {
        Path f = dir.resolve("stockwatch.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    // ---------------------------------------------------------------- defaults

    @Test
    void defaultsAreTheSpecTable() {
        StockwatchConfig c = StockwatchConfig.defaults();
        assertThat(c.kafkaBootstrapServers).isEqualTo("localhost:9092");
        assertThat(c.kafkaGroupId).isEqualTo("stockwatch");
        assertThat(c.kafkaTransactionalIdPrefix).isEqualTo("stockwatch");
        assertThat(c.kafkaProperties()).isEmpty();
        assertThat(c.topic(Topic.INTEREST)).isEqualTo("interest");
        assertThat(c.topic(Topic.STOCK)).isEqualTo("stock");
        assertThat(c.topic(Topic.CATALOG)).isEqualTo("catalog");
        assertThat(c.topic(Topic.CART)).isEqualTo("cart");
        assertThat(c.topic(Topic.ORDERS)).isEqualTo("orders");
        assertThat(c.topic(Topic.CUSTOMERS)).isEqualTo("customers");
        assertThat(c.sinkTopicPrefix).isEqualTo("notify.");
        assertThat(c.sinkTopicPrefix).isEqualTo("notify.");
        assertThat(c.inputMaxDelay).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.inputMaxFuture).isEqualTo(Duration.ofDays(1));
        assertThat(c.inputIdleTimeout).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.broadcastRetention).isEqualTo(Duration.ofDays(2));
        assertThat(c.restockLocations).containsExactly("online");
        assertThat(c.restockMinQuantity).isEqualTo(1);
        assertThat(c.restockSubscribersPerUnit).isEqualTo(0.0);
        assertThat(c.restockWaveInterval).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.interestTtl).isEqualTo(Duration.ofDays(90));
        assertThat(c.notifyBatchWindow).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.soldoutWindow).isEqualTo(Duration.ofDays(7));
        assertThat(c.soldoutAutoResubscribe).isFalse();
        assertThat(c.cartSteps).containsExactly(Duration.ofHours(1), Duration.ofHours(24), Duration.ofHours(72));
        assertThat(c.cartStep(1)).isEqualTo(Duration.ofHours(1));
        assertThat(c.cartStep(3)).isEqualTo(Duration.ofHours(72));
        assertThat(c.cartSmsMinValue).isEqualTo(200.0);
        assertThat(c.cartIncentiveTtl).isEqualTo(Duration.ofHours(48));
        assertThat(c.cartIncentives).containsExactly(
                Map.of(),
                Map.of("default", new Incentive(10, false), "cant_lose", new Incentive(15, false)),
                Map.of("default", new Incentive(10, true), "cant_lose", new Incentive(20, true)));
        assertThat(c.segmentRules).extracting(SegmentRule::toString).containsExactly(
                "champions: R <= 30 and F >= 5",
                "loyal: R <= 90 and F >= 3",
                "cant_lose: R > 90 and F >= 5",
                "at_risk: R > 90 and F >= 2",
                "new: F = 1 and R <= 30",
                "prospect: F = 0",
                "regular");
        assertThat(c.channelsBackInStock).containsExactly(EMAIL, PUSH, VIBER, WHATSAPP, SMS);
        assertThat(c.channelsSoldOutAgain).containsExactly(EMAIL, PUSH, VIBER, WHATSAPP, SMS);
        assertThat(c.channelsAbandonedCart).containsExactly(
                List.of(EMAIL, VIBER, WHATSAPP, PUSH),
                List.of(EMAIL, VIBER, WHATSAPP, PUSH),
                List.of(PUSH, VIBER, WHATSAPP, SMS));
        assertThat(c.quietHoursStart).isEqualTo(LocalTime.of(21, 0));
        assertThat(c.quietHoursEnd).isEqualTo(LocalTime.of(8, 0));
        assertThat(c.quietHoursChannels).containsExactly(SMS, PUSH, VIBER, WHATSAPP);
        assertThat(c.capMax).isEqualTo(3);
        assertThat(c.capWindow).isEqualTo(Duration.ofHours(24));
        assertThat(c.linksProduct).isEqualTo("https://shop.example/p/{sku}");
        assertThat(c.linksResubscribe).isEqualTo("https://shop.example/notify/subscribe?sku={sku}");
        assertThat(c.checkpointInterval).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void loadWithoutFileAndOverridesEqualsDefaults() {
        assertThat(StockwatchConfig.load(null, Map.of()).describe()).isEqualTo(StockwatchConfig.defaults().describe());
    }

    @Test
    void describeListsEveryKeyWithItsDefault() {
        Map<String, String> d = StockwatchConfig.defaults().describe();
        for (ConfigKey key : ConfigKey.values()) {
            assertThat(d).containsKey(key.key());
        }
        assertThat(d).hasSize(ConfigKey.values().length);
        assertThat(d).containsEntry("cart.steps", "[1 h, 24 h, 72 h]")
                .containsEntry("quiet-hours.start", "21:00")
                .containsEntry("restock.min-quantity", "1")
                .containsEntry("links.product", "https://shop.example/p/{sku}");
    }

    @Test
    void theConfigIsSerializable() throws IOException {
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(StockwatchConfig.defaults());
        }
    }

    // ---------------------------------------------------------------- file and overrides

    @Test
    void aLadderOfAnotherLengthWithTheDefaultChannelsAndIncentivesFitsThemToItsSteps() {
        StockwatchConfig two = StockwatchConfig.load(null, Map.of("cart.steps", "[30 min, 2 h]"));
        assertThat(two.channelsAbandonedCart).containsExactly(
                List.of(EMAIL, VIBER, WHATSAPP, PUSH), List.of(EMAIL, VIBER, WHATSAPP, PUSH));
        StockwatchConfig five = StockwatchConfig.load(null, Map.of("cart.steps", "[1 h, 2 h, 3 h, 4 h, 5 h]"));
        assertThat(five.channelsAbandonedCart).hasSize(5);
        assertThat(five.channelsAbandonedCart.get(4)).containsExactly(PUSH, VIBER, WHATSAPP, SMS);
        assertThat(dev.stockwatch.udfs.domain.Incentives.forStep(five.cartIncentives, 4, "regular"))
                .isEqualTo(Incentive.NONE);
        assertThat(error(Map.of("cart.steps", "[30 min, 2 h]", "channels.abandoned_cart", "[[email], [sms], [push]]")))
                .startsWith("channels.abandoned_cart: must have one channel list per cart step (2 in cart.steps), has 3");
    }

    @Test
    void aFileOverridesDefaultsAndLeavesTheRest() throws IOException {
        Path f = file("""
                # flat keys as in the SPEC
                restock.subscribers-per-unit: 2
                restock.locations: [online, store-1]
                restock.min-quantity: 3
                cart.steps: [30 min, 2 h]
                channels.abandoned_cart: [[email], [sms, push]]
                cart.incentives: [{}, {default: free-shipping}]
                notify.batch-window: 0 s
                soldout.auto-resubscribe: true
                cap.max: 5
                cap.window: 12 h
                topic.orders: shop.orders.v2
                sink.topic-prefix: out.
                segment.rules: ['vip: M >= 1000', regular]
                """);
        StockwatchConfig c = StockwatchConfig.load(f, Map.of());
        assertThat(c.restockSubscribersPerUnit).isEqualTo(2.0);
        assertThat(c.restockLocations).containsExactly("online", "store-1");
        assertThat(c.restockMinQuantity).isEqualTo(3);
        assertThat(c.cartSteps).containsExactly(Duration.ofMinutes(30), Duration.ofHours(2));
        assertThat(c.channelsAbandonedCart).containsExactly(List.of(EMAIL), List.of(SMS, PUSH));
        assertThat(c.cartIncentives).containsExactly(Map.of(), Map.of("default", new Incentive(0, true)));
        assertThat(c.notifyBatchWindow).isEqualTo(Duration.ZERO);
        assertThat(c.soldoutAutoResubscribe).isTrue();
        assertThat(c.capMax).isEqualTo(5);
        assertThat(c.capWindow).isEqualTo(Duration.ofHours(12));
        assertThat(c.topic(Topic.ORDERS)).isEqualTo("shop.orders.v2");
        assertThat(c.sinkTopicPrefix).isEqualTo("out.");
        assertThat(c.segmentRules).extracting(SegmentRule::toString).containsExactly("vip: M >= 1000", "regular");
        // untouched keys keep their default
        assertThat(c.interestTtl).isEqualTo(Duration.ofDays(90));
        assertThat(c.quietHoursStart).isEqualTo(LocalTime.of(21, 0));
        assertThat(c.topic(Topic.CART)).isEqualTo("cart");
        assertThat(c.describe()).containsEntry("restock.locations", "[online, store-1]")
                .containsEntry("cap.max", "5");
    }

    @Test
    void nestedMappingsInTheFileAreDottedKeys() throws IOException {
        Path f = file("""
                restock:
                  min-quantity: 4
                quiet-hours:
                  start: 22:30
                  end: 07:15
                kafka:
                  bootstrap-servers: broker-1:9093
                  properties:
                    security.protocol: SASL_SSL
                """);
        StockwatchConfig c = StockwatchConfig.load(f, Map.of());
        assertThat(c.restockMinQuantity).isEqualTo(4);
        assertThat(c.quietHoursStart).isEqualTo(LocalTime.of(22, 30));
        assertThat(c.quietHoursEnd).isEqualTo(LocalTime.of(7, 15));
        assertThat(c.kafkaBootstrapServers).isEqualTo("broker-1:9093");
        assertThat(c.kafkaProperties()).containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void unquotedTimesOfDayInTheFileAreTimesNotSexagesimalNumbers() throws IOException {
        // YAML 1.1 reads 21:00 as the base-60 integer 1260; quiet hours must still be 21:00
        Path f = file("""
                quiet-hours.start: 21:00
                quiet-hours.end: 08:00
                """);
        StockwatchConfig c = StockwatchConfig.load(f, Map.of());
        assertThat(c.quietHoursStart).isEqualTo(LocalTime.of(21, 0));
        assertThat(c.quietHoursEnd).isEqualTo(LocalTime.of(8, 0));

        Path other = file("""
                quiet-hours.start: 19:45
                quiet-hours.end: 6:30
                """);
        StockwatchConfig d = StockwatchConfig.load(other, Map.of());
        assertThat(d.quietHoursStart).isEqualTo(LocalTime.of(19, 45));
        assertThat(d.quietHoursEnd).isEqualTo(LocalTime.of(6, 30));
    }

    @Test
    void quotedTimesOfDayInTheFile() throws IOException {
        Path f = file("""
                quiet-hours.start: "23:00"
                quiet-hours.end: '09:00'
                """);
        StockwatchConfig c = StockwatchConfig.load(f, Map.of());
        assertThat(c.quietHoursStart).isEqualTo(LocalTime.of(23, 0));
        assertThat(c.quietHoursEnd).isEqualTo(LocalTime.of(9, 0));
    }

    @Test
    void unquotedTimesOfDayOnTheCommandLine() {
        StockwatchConfig c = StockwatchConfig.load(null, Map.of("quiet-hours.start", "21:00", "quiet-hours.end", "08:00"));
        assertThat(c.quietHoursStart).isEqualTo(LocalTime.of(21, 0));
        assertThat(c.quietHoursEnd).isEqualTo(LocalTime.of(8, 0));
        StockwatchConfig d = StockwatchConfig.load(null, Map.of("quiet-hours.start", "22:15", "quiet-hours.end", "7:05"));
        assertThat(d.quietHoursStart).isEqualTo(LocalTime.of(22, 15));
        assertThat(d.quietHoursEnd).isEqualTo(LocalTime.of(7, 5));
    }

    @Test
    void theCommandLineWinsOverTheFile() throws IOException {
        Path f = file("""
                restock.min-quantity: 3
                cap.max: 5
                quiet-hours.start: 22:00
                """);
        StockwatchConfig c = StockwatchConfig.load(f, Map.of(
                "restock.min-quantity", "7",
                "quiet-hours.start", "20:00",
                "cart.steps", "[2 h, 3 h, 4 h]",
                "notify.batch-window", "5 s"));
        assertThat(c.restockMinQuantity).isEqualTo(7);
        assertThat(c.quietHoursStart).isEqualTo(LocalTime.of(20, 0));
        assertThat(c.cartSteps).containsExactly(Duration.ofHours(2), Duration.ofHours(3), Duration.ofHours(4));
        assertThat(c.notifyBatchWindow).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.capMax).isEqualTo(5); // from the file, not overridden
        assertThat(c.describe()).containsEntry("restock.min-quantity", "7");
    }

    @Test
    void commandLineListsAndBooleans() {
        StockwatchConfig c = StockwatchConfig.load(null, Map.of(
                "channels.back_in_stock", "[sms, email]",
                "soldout.auto-resubscribe", "true",
                "restock.subscribers-per-unit", "0.5",
                "links.product", "https://other.example/item/{sku}?ref=mail"));
        assertThat(c.channelsBackInStock).containsExactly(SMS, EMAIL);
        assertThat(c.soldoutAutoResubscribe).isTrue();
        assertThat(c.restockSubscribersPerUnit).isEqualTo(0.5);
        assertThat(c.linksProduct).isEqualTo("https://other.example/item/{sku}?ref=mail");
    }

    // ---------------------------------------------------------------- kafka properties and secrets

    @Test
    void secretKafkaPropertiesAreMaskedInDescribeButPassedToKafka() throws IOException {
        String jaas = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"alice\" password=\"alice-secret\";";
        Path f = file("""
                kafka.properties.security.protocol: SASL_SSL
                kafka.properties.sasl.mechanism: PLAIN
                kafka.properties.sasl.jaas.config: 'org.apache.kafka.common.security.plain.PlainLoginModule required username="alice" password="alice-secret";'
                kafka.properties.ssl.truststore.password: changeit
                """);
        StockwatchConfig c = StockwatchConfig.load(f, Map.of());
        assertThat(c.kafkaProperties())
                .containsEntry("sasl.jaas.config", jaas)
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "PLAIN")
                .containsEntry("ssl.truststore.password", "changeit");
        assertThat(c.describe())
                .containsEntry("kafka.properties.sasl.jaas.config", "******")
                .containsEntry("kafka.properties.ssl.truststore.password", "******")
                .containsEntry("kafka.properties.security.protocol", "SASL_SSL");
        assertThat(c.describe().values()).noneMatch(v -> v.contains("alice-secret") || v.contains("changeit"));
    }

    @Test
    void kafkaPropertiesFromTheCommandLineAreTakenLiterally() {
        String jaas = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"alice\" password=\"s3cr #t\";";
        StockwatchConfig c = StockwatchConfig.load(null, Map.of(
                "kafka.properties.sasl.jaas.config", jaas,
                "kafka.properties.linger.ms", "5"));
        assertThat(c.kafkaProperties())
                .containsEntry("sasl.jaas.config", jaas)
                .containsEntry("linger.ms", "5");
        assertThat(c.describe()).containsEntry("kafka.properties.sasl.jaas.config", "******")
                .containsEntry("kafka.properties.linger.ms", "5");
    }

    // ---------------------------------------------------------------- errors

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("restock.minquantity: 2\n", "restock.minquantity"),
                Arguments.of("restock.min-quantity: -3\n", "restock.min-quantity"),
                Arguments.of("notify.batch-window: soon\n", "notify.batch-window"),
                Arguments.of("quiet-hours.start: 25:00\n", "quiet-hours.start"),
                Arguments.of("quiet-hours.end: 8 am\n", "quiet-hours.end"),
                Arguments.of("cap.max: 0\n", "cap.max"),
                Arguments.of("cart.steps: [2 h, 1 h]\n", "cart.steps"),
                Arguments.of("cart.steps: 1 h\n", "cart.steps"),
                Arguments.of("channels.back_in_stock: [email, pigeon]\n", "channels.back_in_stock"),
                Arguments.of("quiet-hours.channels: [fax]\n", "quiet-hours.channels"),
                Arguments.of("channels.abandoned_cart: [[email], [carrier-pigeon], [push]]\n", "channels.abandoned_cart"),
                Arguments.of("channels.abandoned_cart: [[email], [push]]\n", "channels.abandoned_cart"),
                Arguments.of("cart.incentives: [{}, {default: 10%}]\n", "cart.incentives"),
                Arguments.of("cart.incentives: [{}, {default: lots}, {}]\n", "cart.incentives (default)"),
                Arguments.of("segment.rules: ['champions: R <= 30 and X >= 5']\n", "segment.rules"),
                Arguments.of("soldout.auto-resubscribe: maybe\n", "soldout.auto-resubscribe"),
                Arguments.of("restock.subscribers-per-unit: -1\n", "restock.subscribers-per-unit"),
                Arguments.of("links.product: https://shop.example/p/\n", "links.product"),
                Arguments.of("interest.ttl: 0 s\n", "interest.ttl"),
                Arguments.of("cap.window: -1 h\n", "cap.window"),
                Arguments.of("topic.cart: ''\n", "topic.cart"),
                Arguments.of("sendtime.apply-to: [abandoned_cart:0]\n", "sendtime.apply-to"),
                Arguments.of("sendtime.apply-to: [newsletter]\n", "sendtime.apply-to"),
                Arguments.of("sendtime.apply-to: abandoned_cart\n", "sendtime.apply-to"),
                Arguments.of("sendtime.max-hold: long\n", "sendtime.max-hold"),
                Arguments.of("engagement.soft-bounce-limit: 0\n", "engagement.soft-bounce-limit"),
                Arguments.of("engagement.window: 0 d\n", "engagement.window"),
                Arguments.of("topic.engagement: ''\n", "topic.engagement"),
                Arguments.of("broadcast.retention: 1 h\n", "broadcast.retention"),
                Arguments.of("input.max-future: 3 d\nbroadcast.retention: 60 h\n", "broadcast.retention"),
                Arguments.of("restock.min-quantity: 99999999999999999999\n", "restock.min-quantity"));
    }

    /** The second argument is the key as the message starts with it (a map entry adds its segment). */
    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("badFiles")
    void aBadValueInTheFileNamesTheKey(String yaml, String key) throws IOException {
        Path f = file(yaml);
        assertThatThrownBy(() -> StockwatchConfig.load(f, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(key + ": ");
    }

    @Test
    void exactMessagesOfTheBriefsExamples() throws IOException {
        assertThat(error(Map.of("restock.minquantity", "2")))
                .isEqualTo("restock.minquantity: unknown configuration key (see `stockwatch config` for the list)");
        assertThat(error(Map.of("restock.min-quantity", "-3")))
                .isEqualTo("restock.min-quantity: must be a whole number >= 1, was -3");
        assertThat(error(Map.of("notify.batch-window", "soon")))
                .isEqualTo("notify.batch-window: must be a duration such as 500 ms, 60 s, 30 min, 1 h or 90 d, was \"soon\"");
        assertThat(error(Map.of("quiet-hours.start", "25:00")))
                .isEqualTo("quiet-hours.start: must be a time of day HH:MM between 00:00 and 23:59, was \"25:00\"");
        assertThat(error(Map.of("cap.max", "0")))
                .isEqualTo("cap.max: must be a whole number >= 1, was 0");
        assertThat(error(Map.of("cart.steps", "[2 h, 1 h]")))
                .startsWith("cart.steps: must be increasing durations such as [1 h, 24 h, 72 h], was ");
        assertThat(error(Map.of("channels.sold_out_again", "[email, telegram]")))
                .startsWith("channels.sold_out_again: must be channels among email, sms, push, viber, whatsapp, was ");
    }

    @Test
    void theBroadcastRetentionCoversHowFarInputsMayBeAheadOfAndEventTimeBehindTheWallClock() {
        assertThat(error(Map.of("broadcast.retention", "1 d")))
                .isEqualTo("broadcast.retention: must be at least input.max-future + input.max-delay + input.idle-timeout "
                        + "(86440 s), was \"1 d\"");
        StockwatchConfig shortFuture = StockwatchConfig.load(null, Map.of("input.max-future", "1 h", "broadcast.retention", "2 h"));
        assertThat(shortFuture.broadcastRetention).isEqualTo(Duration.ofHours(2));
        assertThat(error(Map.of("input.max-future", "7 d", "broadcast.retention", "3 d")))
                .startsWith("broadcast.retention: must be at least ");
        assertThat(StockwatchConfig.load(null, Map.of("input.max-future", "7 d")).broadcastRetention)
                .as("not given, it follows the input keys").isEqualTo(Duration.ofDays(7).plusSeconds(40));
    }

    @Test
    void aNumberTooLargeForTheKeyIsABadValueNotAnotherNumber() {
        assertThat(error(Map.of("restock.min-quantity", "99999999999999999999")))
                .startsWith("restock.min-quantity: must be a whole number >= 1, was ");
    }

    private static String error(Map<String, String> overrides) {
        try {
            StockwatchConfig.load(null, overrides);
            throw new AssertionError("expected a ConfigException for " + overrides);
        } catch (ConfigException e) {
            return e.getMessage();
        }
    }

    @Test
    void aBadCommandLineValueNamesTheKeyEvenWhenTheFileIsFine() throws IOException {
        Path f = file("cap.max: 4\n");
        assertThatThrownBy(() -> StockwatchConfig.load(f, Map.of("cap.max", "many")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("cap.max: must be a whole number >= 1, was \"many\"");
        assertThatThrownBy(() -> StockwatchConfig.load(f, Map.of("no.such-key", "1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("no.such-key: unknown configuration key");
    }

    @Test
    void aMissingFileNamesTheFile() {
        Path missing = dir.resolve("does-not-exist.yaml");
        assertThatThrownBy(() -> StockwatchConfig.load(missing, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--config: file not found: " + missing);
    }

    @Test
    void invalidYamlNamesTheFile() throws IOException {
        Path f = file("cart.steps: [1 h, 24 h\ncap.max: 3\n");
        assertThatThrownBy(() -> StockwatchConfig.load(f, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(f + ": not valid YAML: ")
                .message().doesNotContain("\n");
    }

    @Test
    void aYamlFileThatIsNotAMappingNamesTheFile() throws IOException {
        Path f = file("- restock.min-quantity: 2\n");
        assertThatThrownBy(() -> StockwatchConfig.load(f, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(f + ": must be a YAML mapping");
    }

    @Test
    void anEmptyFileMeansDefaults() throws IOException {
        Path f = file("# nothing configured\n");
        assertThat(StockwatchConfig.load(f, Map.of()).describe()).isEqualTo(StockwatchConfig.defaults().describe());
    }
}
