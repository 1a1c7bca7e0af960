package dev.stockwatch.udfs.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.stockwatch.udfs.domain.Channel;
import dev.stockwatch.udfs.domain.Incentive;
import dev.stockwatch.udfs.domain.SegmentRule;
import dev.stockwatch.udfs.event.Topic;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The validated configuration (SPEC §12): defaults from {@link ConfigKey}, then the YAML file, then
 * command-line keys. Immutable and serializable, so operators receive it in their constructor.
 */
public final class StockwatchConfig implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Map<String, String> effective;
    private final Map<String, String> kafkaProperties;

    public final String kafkaBootstrapServers;
    public final String kafkaGroupId;
    public final String kafkaTransactionalIdPrefix;
    private final EnumMap<Topic, String> topics = new EnumMap<>(Topic.class);
    public final String sinkTopicPrefix;
    public final Duration inputMaxDelay;
    public final Duration inputMaxFuture;
    public final Duration inputIdleTimeout;
    public final Duration broadcastRetention;
    public final List<String> restockLocations;
    public final long restockMinQuantity;
    public final double restockSubscribersPerUnit;
    public final Duration restockWaveInterval;
    public final Duration interestTtl;
    public final Duration notifyBatchWindow;
    public final Duration soldoutWindow;
    public final boolean soldoutAutoResubscribe;
    public final Duration attributionWindow;
    public final List<Duration> cartSteps;
    public final double cartSmsMinValue;
    public final Duration cartIncentiveTtl;
    public final List<Map<String, Incentive>> cartIncentives;
    public final List<SegmentRule> segmentRules;
    public final List<Channel> channelsBackInStock;
    public final List<Channel> channelsSoldOutAgain;
    public final List<List<Channel>> channelsAbandonedCart;
    public final LocalTime quietHoursStart;
    public final LocalTime quietHoursEnd;
    public final List<Channel> quietHoursChannels;
    public final int capMax;
    public final Duration capWindow;
    public final Duration dedupeRetention;
    public final String feedbackTopic;
    /** {@code sendtime.apply-to}: "kind" (every step) or "kind:step". */
    public final List<String> sendtimeApplyTo;
    public final Duration sendtimeMaxHold;
    public final int engagementSoftBounceLimit;
    public final Duration engagementWindow;
    public final int engagementMinOpens;
    public final String linksProduct;
    public final String linksResubscribe;
    public final Duration checkpointInterval;

    private StockwatchConfig(Map<ConfigKey, JsonNode> v, Map<String, String> kafkaProperties, Map<String, String> effective) {
        this.effective = effective;
        this.kafkaProperties = kafkaProperties;
        kafkaBootstrapServers = ConfigValues.text(ConfigKey.KAFKA_BOOTSTRAP_SERVERS.key(), v.get(ConfigKey.KAFKA_BOOTSTRAP_SERVERS));
        kafkaGroupId = ConfigValues.text(ConfigKey.KAFKA_GROUP_ID.key(), v.get(ConfigKey.KAFKA_GROUP_ID));
        kafkaTransactionalIdPrefix = ConfigValues.text(
                ConfigKey.KAFKA_TRANSACTIONAL_ID_PREFIX.key(), v.get(ConfigKey.KAFKA_TRANSACTIONAL_ID_PREFIX));
        topics.put(Topic.INTEREST, ConfigValues.text(ConfigKey.TOPIC_INTEREST.key(), v.get(ConfigKey.TOPIC_INTEREST)));
        topics.put(Topic.STOCK, ConfigValues.text(ConfigKey.TOPIC_STOCK.key(), v.get(ConfigKey.TOPIC_STOCK)));
        topics.put(Topic.CATALOG, ConfigValues.text(ConfigKey.TOPIC_CATALOG.key(), v.get(ConfigKey.TOPIC_CATALOG)));
        topics.put(Topic.CART, ConfigValues.text(ConfigKey.TOPIC_CART.key(), v.get(ConfigKey.TOPIC_CART)));
        topics.put(Topic.ORDERS, ConfigValues.text(ConfigKey.TOPIC_ORDERS.key(), v.get(ConfigKey.TOPIC_ORDERS)));
        topics.put(Topic.CUSTOMERS, ConfigValues.text(ConfigKey.TOPIC_CUSTOMERS.key(), v.get(ConfigKey.TOPIC_CUSTOMERS)));
        topics.put(Topic.ENGAGEMENT, ConfigValues.text(ConfigKey.TOPIC_ENGAGEMENT.key(), v.get(ConfigKey.TOPIC_ENGAGEMENT)));
        feedbackTopic = ConfigValues.text(ConfigKey.TOPIC_FEEDBACK.key(), v.get(ConfigKey.TOPIC_FEEDBACK));
        sinkTopicPrefix = ConfigValues.text(ConfigKey.SINK_TOPIC_PREFIX.key(), v.get(ConfigKey.SINK_TOPIC_PREFIX));
        inputMaxDelay = ConfigValues.duration(ConfigKey.INPUT_MAX_DELAY.key(), v.get(ConfigKey.INPUT_MAX_DELAY));
        inputMaxFuture = ConfigValues.duration(ConfigKey.INPUT_MAX_FUTURE.key(), v.get(ConfigKey.INPUT_MAX_FUTURE));
        inputIdleTimeout = ConfigValues.positiveDuration(ConfigKey.INPUT_IDLE_TIMEOUT.key(), v.get(ConfigKey.INPUT_IDLE_TIMEOUT));
        Duration leastRetention = inputMaxFuture.plus(inputMaxDelay).plus(inputIdleTimeout);
        broadcastRetention = isDefault(v, ConfigKey.BROADCAST_RETENTION) // follows the input keys unless given
                ? max(ConfigValues.duration(ConfigKey.BROADCAST_RETENTION.key(), v.get(ConfigKey.BROADCAST_RETENTION)), leastRetention)
                : ConfigValues.durationAtLeast(ConfigKey.BROADCAST_RETENTION.key(), v.get(ConfigKey.BROADCAST_RETENTION),
                        leastRetention, "input.max-future + input.max-delay + input.idle-timeout");
        restockLocations = ConfigValues.texts(ConfigKey.RESTOCK_LOCATIONS.key(), v.get(ConfigKey.RESTOCK_LOCATIONS));
        restockMinQuantity = ConfigValues.integer(ConfigKey.RESTOCK_MIN_QUANTITY.key(), v.get(ConfigKey.RESTOCK_MIN_QUANTITY), 1);
        restockSubscribersPerUnit = ConfigValues.number(
                ConfigKey.RESTOCK_SUBSCRIBERS_PER_UNIT.key(), v.get(ConfigKey.RESTOCK_SUBSCRIBERS_PER_UNIT), 0);
        restockWaveInterval = ConfigValues.positiveDuration(ConfigKey.RESTOCK_WAVE_INTERVAL.key(), v.get(ConfigKey.RESTOCK_WAVE_INTERVAL));
        interestTtl = ConfigValues.positiveDuration(ConfigKey.INTEREST_TTL.key(), v.get(ConfigKey.INTEREST_TTL));
        notifyBatchWindow = ConfigValues.duration(ConfigKey.NOTIFY_BATCH_WINDOW.key(), v.get(ConfigKey.NOTIFY_BATCH_WINDOW));
        soldoutWindow = ConfigValues.positiveDuration(ConfigKey.SOLDOUT_WINDOW.key(), v.get(ConfigKey.SOLDOUT_WINDOW));
        soldoutAutoResubscribe = ConfigValues.bool(ConfigKey.SOLDOUT_AUTO_RESUBSCRIBE.key(), v.get(ConfigKey.SOLDOUT_AUTO_RESUBSCRIBE));
        attributionWindow = ConfigValues.positiveDuration(ConfigKey.ATTRIBUTION_WINDOW.key(), v.get(ConfigKey.ATTRIBUTION_WINDOW));
        cartSteps = ConfigValues.increasingDurations(ConfigKey.CART_STEPS.key(), v.get(ConfigKey.CART_STEPS));
        cartSmsMinValue = ConfigValues.number(ConfigKey.CART_SMS_MIN_VALUE.key(), v.get(ConfigKey.CART_SMS_MIN_VALUE), 0);
        cartIncentiveTtl = ConfigValues.positiveDuration(ConfigKey.CART_INCENTIVE_TTL.key(), v.get(ConfigKey.CART_INCENTIVE_TTL));
        cartIncentives = ConfigValues.incentives(ConfigKey.CART_INCENTIVES.key(), v.get(ConfigKey.CART_INCENTIVES));
        segmentRules = ConfigValues.segmentRules(ConfigKey.SEGMENT_RULES.key(), v.get(ConfigKey.SEGMENT_RULES));
        channelsBackInStock = ConfigValues.channels(ConfigKey.CHANNELS_BACK_IN_STOCK.key(), v.get(ConfigKey.CHANNELS_BACK_IN_STOCK), false);
        channelsSoldOutAgain = ConfigValues.channels(ConfigKey.CHANNELS_SOLD_OUT_AGAIN.key(), v.get(ConfigKey.CHANNELS_SOLD_OUT_AGAIN), false);
        channelsAbandonedCart = fitToSteps(
                ConfigValues.channelsPerStep(ConfigKey.CHANNELS_ABANDONED_CART.key(), v.get(ConfigKey.CHANNELS_ABANDONED_CART)),
                cartSteps.size(), isDefault(v, ConfigKey.CHANNELS_ABANDONED_CART));
        quietHoursStart = ConfigValues.timeOfDay(ConfigKey.QUIET_HOURS_START.key(), v.get(ConfigKey.QUIET_HOURS_START));
        quietHoursEnd = ConfigValues.timeOfDay(ConfigKey.QUIET_HOURS_END.key(), v.get(ConfigKey.QUIET_HOURS_END));
        quietHoursChannels = ConfigValues.channels(ConfigKey.QUIET_HOURS_CHANNELS.key(), v.get(ConfigKey.QUIET_HOURS_CHANNELS), true);
        capMax = (int) Math.min(Integer.MAX_VALUE,
                ConfigValues.integer(ConfigKey.CAP_MAX.key(), v.get(ConfigKey.CAP_MAX), 1));
        capWindow = ConfigValues.duration(ConfigKey.CAP_WINDOW.key(), v.get(ConfigKey.CAP_WINDOW)); // 0 s: no cap
        dedupeRetention = ConfigValues.positiveDuration(ConfigKey.DEDUPE_RETENTION.key(), v.get(ConfigKey.DEDUPE_RETENTION));
        sendtimeApplyTo = ConfigValues.sendTimeTargets(ConfigKey.SENDTIME_APPLY_TO.key(), v.get(ConfigKey.SENDTIME_APPLY_TO));
        sendtimeMaxHold = ConfigValues.duration(ConfigKey.SENDTIME_MAX_HOLD.key(), v.get(ConfigKey.SENDTIME_MAX_HOLD));
        engagementSoftBounceLimit = (int) Math.min(Integer.MAX_VALUE, ConfigValues.integer(
                ConfigKey.ENGAGEMENT_SOFT_BOUNCE_LIMIT.key(), v.get(ConfigKey.ENGAGEMENT_SOFT_BOUNCE_LIMIT), 1));
        engagementWindow = ConfigValues.positiveDuration(ConfigKey.ENGAGEMENT_WINDOW.key(), v.get(ConfigKey.ENGAGEMENT_WINDOW));
        engagementMinOpens = (int) Math.min(Integer.MAX_VALUE, ConfigValues.integer(
                ConfigKey.ENGAGEMENT_MIN_OPENS.key(), v.get(ConfigKey.ENGAGEMENT_MIN_OPENS), 1));
        linksProduct = ConfigValues.urlTemplate(ConfigKey.LINKS_PRODUCT.key(), v.get(ConfigKey.LINKS_PRODUCT));
        linksResubscribe = ConfigValues.urlTemplate(ConfigKey.LINKS_RESUBSCRIBE.key(), v.get(ConfigKey.LINKS_RESUBSCRIBE));
        checkpointInterval = ConfigValues.positiveDuration(ConfigKey.CHECKPOINT_INTERVAL.key(), v.get(ConfigKey.CHECKPOINT_INTERVAL));
        if (channelsAbandonedCart.size() != cartSteps.size()) { // given explicitly, for another ladder
            throw new ConfigException(ConfigKey.CHANNELS_ABANDONED_CART.key() + ": must have one channel list per cart step ("
                    + cartSteps.size() + " in cart.steps), has " + channelsAbandonedCart.size());
        }
        if (cartIncentives.size() != cartSteps.size() && !isDefault(v, ConfigKey.CART_INCENTIVES)) {
            throw new ConfigException(ConfigKey.CART_INCENTIVES.key() + ": must have one entry per cart step ("
                    + cartSteps.size() + " in cart.steps), has " + cartIncentives.size());
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static boolean isDefault(Map<ConfigKey, JsonNode> v, ConfigKey key) {
        return v.get(key).equals(parseValue(key.key(), key.defaultValue()));
    }

    /**
     * The default channel lists for a ladder of another length than three steps: a step beyond
     * the lists takes the last list (the default incentives give such a step none). A list given
     * explicitly must match {@code cart.steps} one to one.
     */
    private static List<List<Channel>> fitToSteps(List<List<Channel>> perStep, int steps, boolean isDefault) {
        if (!isDefault || perStep.size() == steps) {
            return perStep;
        }
        List<List<Channel>> fitted = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            fitted.add(perStep.get(Math.min(i, perStep.size() - 1)));
        }
        return List.copyOf(fitted);
    }

    /** The defaults alone. */
    public static StockwatchConfig defaults() {
        return load(null, Map.of());
    }

    /**
     * Loads the file (may be null) and applies the command-line keys on top.
     *
     * @param overrides key to value as typed on the command line; values are read as YAML, so
     *     {@code [1 h, 2 h]} is a list
     * @throws ConfigException naming the key at the first problem
     */
    public static StockwatchConfig load(Path file, Map<String, String> overrides) {
        Map<String, JsonNode> given = new LinkedHashMap<>();
        if (file != null) {
            flatten("", readFile(file), given);
        }
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            // Kafka client properties are passed on verbatim: read as YAML, a JAAS config or password
            // containing " #" would silently lose its tail as a comment
            given.put(e.getKey(), e.getKey().startsWith(ConfigKey.KAFKA_PROPERTIES_PREFIX)
                    ? TextNode.valueOf(e.getValue())
                    : parseValue(e.getKey(), e.getValue()));
        }
        Map<ConfigKey, JsonNode> values = new EnumMap<>(ConfigKey.class);
        for (ConfigKey key : ConfigKey.values()) {
            values.put(key, parseValue(key.key(), key.defaultValue()));
        }
        Map<String, String> kafka = new TreeMap<>();
        Map<String, String> effective = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : given.entrySet()) {
            String name = e.getKey();
            if (name.startsWith(ConfigKey.KAFKA_PROPERTIES_PREFIX) && name.length() > ConfigKey.KAFKA_PROPERTIES_PREFIX.length()) {
                kafka.put(name.substring(ConfigKey.KAFKA_PROPERTIES_PREFIX.length()), ConfigValues.text(name, e.getValue()));
                continue;
            }
            ConfigKey key = ConfigKey.byKey(name);
            if (key == null) {
                throw new ConfigException(name + ": unknown configuration key (see `stockwatch config` for the list)");
            }
            values.put(key, e.getValue());
        }
        for (ConfigKey key : ConfigKey.values()) {
            effective.put(key.key(), render(values.get(key)));
        }
        for (Map.Entry<String, String> e : kafka.entrySet()) {
            effective.put(ConfigKey.KAFKA_PROPERTIES_PREFIX + e.getKey(), isSecret(e.getKey()) ? "******" : e.getValue());
        }
        return new StockwatchConfig(values, Collections.unmodifiableMap(kafka), Collections.unmodifiableMap(effective));
    }

    private static JsonNode readFile(Path file) {
        try {
            JsonNode root = YAML.readTree(Files.readString(file));
            if (root == null || root.isMissingNode() || root.isNull()) {
                return YAML.createObjectNode();
            }
            if (!root.isObject()) {
                throw new ConfigException(file + ": must be a YAML mapping of keys such as `restock.min-quantity: 2`");
            }
            return root;
        } catch (NoSuchFileException e) {
            throw new ConfigException("--config: file not found: " + file);
        } catch (JsonProcessingException e) {
            String msg = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().replace('\n', ' ');
            throw new ConfigException(file + ": not valid YAML: " + msg);
        } catch (IOException e) {
            throw new ConfigException("--config: cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Nested mappings become dotted keys, except inside lists. */
    private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = prefix + e.getKey();
            if (e.getValue().isObject() && !e.getValue().isEmpty()) {
                flatten(name + ".", e.getValue(), out);
            } else {
                out.put(name, e.getValue());
            }
        }
    }

    private static JsonNode parseValue(String key, String text) {
        try {
            JsonNode node = YAML.readTree("v: " + text).get("v");
            // times of day and plain text stay text
            return node == null || node.isNull() ? TextNode.valueOf(text) : node;
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(text);
        }
    }

    private static String render(JsonNode node) {
        if (node.isValueNode()) {
            return node.asText();
        }
        StringBuilder sb = new StringBuilder(node.isArray() ? "[" : "{");
        int i = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); i++) {
            Map.Entry<String, JsonNode> e = it.next();
            sb.append(i == 0 ? "" : ", ").append(e.getKey()).append(": ").append(render(e.getValue()));
        }
        for (JsonNode item : node.isArray() ? node : YAML.createArrayNode()) {
            sb.append(i++ == 0 ? "" : ", ").append(render(item));
        }
        return sb.append(node.isArray() ? "]" : "}").toString();
    }

    private static boolean isSecret(String kafkaKey) {
        String k = kafkaKey.toLowerCase(java.util.Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("jaas") || k.contains("token")
                || k.contains("credential") || k.endsWith(".key");
    }

    public String topic(Topic topic) {
        return topics.get(topic);
    }

    /** Extra properties for every Kafka client ({@code kafka.properties.*}), secrets included. */
    public Map<String, String> kafkaProperties() {
        return kafkaProperties;
    }

    /** Every key with its effective value, secrets masked: safe to print and log. */
    public Map<String, String> describe() {
        return effective;
    }

    public Duration cartStep(int step) {
        return cartSteps.get(step - 1);
    }
}
