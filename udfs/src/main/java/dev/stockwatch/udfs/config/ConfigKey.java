package dev.stockwatch.udfs.config;

/**
 * Every configuration key with its default (as it would be written in the YAML file) and what it
 * means. This is the one place defaults live; the README table and {@code stockwatch config}
 * print it.
 */
public enum ConfigKey {
    KAFKA_BOOTSTRAP_SERVERS("kafka.bootstrap-servers", "localhost:9092", "Kafka brokers (live mode)"),
    KAFKA_GROUP_ID("kafka.group-id", "stockwatch", "consumer group of the Kafka sources"),
    KAFKA_TRANSACTIONAL_ID_PREFIX("kafka.transactional-id-prefix", "stockwatch", "prefix of the exactly-once sink's transactional ids"),
    TOPIC_INTEREST("topic.interest", "interest", "input topic of subscribe/unsubscribe events"),
    TOPIC_STOCK("topic.stock", "stock", "input topic of stock levels"),
    TOPIC_CATALOG("topic.catalog", "catalog", "input changelog of product data"),
    TOPIC_CART("topic.cart", "cart", "input topic of cart events"),
    TOPIC_ORDERS("topic.orders", "orders", "input topic of online and in-store orders"),
    TOPIC_CUSTOMERS("topic.customers", "customers", "input changelog of customer profiles"),
    TOPIC_ENGAGEMENT("topic.engagement", "engagement", "input changelog of delivery engagement per customer (written by the engagement function)"),
    TOPIC_FEEDBACK("topic.feedback", "feedback", "the senders' delivery feedback, read by the engagement function"),
    SINK_TOPIC_PREFIX("sink.topic-prefix", "notify.", "prefix of every output topic"),
    INPUT_MAX_DELAY("input.max-delay", "10 s", "bounded out-of-orderness of the inputs"),
    INPUT_MAX_FUTURE("input.max-future", "1 d", "live mode: events further ahead of the wall clock are dead-lettered"),
    INPUT_IDLE_TIMEOUT("input.idle-timeout", "30 s", "an input silent this long stops holding back event time"),
    BROADCAST_RETENTION("broadcast.retention", "2 d",
            "live mode: catalog and stock versions superseded this long before the newest one of their sku (and location) are "
                    + "forgotten; at least input.max-future + input.max-delay + input.idle-timeout (the default grows to that)"),
    RESTOCK_LOCATIONS("restock.locations", "[online]", "locations whose stock counts as sellable"),
    RESTOCK_MIN_QUANTITY("restock.min-quantity", "1", "sellable quantity from which a sku is in stock"),
    RESTOCK_SUBSCRIBERS_PER_UNIT("restock.subscribers-per-unit", "0", "subscribers released per unit in a wave (0 = all)"),
    RESTOCK_WAVE_INTERVAL("restock.wave-interval", "30 min", "time between waves while the sku stays in stock"),
    INTEREST_TTL("interest.ttl", "90 d", "a subscription not released within this expires"),
    NOTIFY_BATCH_WINDOW("notify.batch-window", "60 s", "back-in-stock releases of one customer within this go out together"),
    SOLDOUT_WINDOW("soldout.window", "7 d", "a sell-out within this of a release sends sold_out_again"),
    SOLDOUT_AUTO_RESUBSCRIBE("soldout.auto-resubscribe", "false", "put a customer back on the waiting list at their original place on sell-out"),
    ATTRIBUTION_WINDOW("attribution.window", "5 d", "an order of a listed sku within this after a sent notification is its conversion"),
    CART_STEPS("cart.steps", "[1 h, 24 h, 72 h]", "abandoned-cart ladder: time after the last activity of each step"),
    CART_SMS_MIN_VALUE("cart.sms-min-value", "200", "smallest cart value for which sms may be used"),
    CART_INCENTIVE_TTL("cart.incentive-ttl", "48 h", "an incentive expires this long after its step"),
    CART_INCENTIVES("cart.incentives",
            "[{}, {default: 10%, cant_lose: 15%}, {default: free-shipping 10%, cant_lose: free-shipping 20%}]",
            "incentive per step and segment (default = any other segment)"),
    SEGMENT_RULES("segment.rules",
            "['champions: R <= 30 and F >= 5', 'loyal: R <= 90 and F >= 3', 'cant_lose: R > 90 and F >= 5', "
                    + "'at_risk: R > 90 and F >= 2', 'new: F = 1 and R <= 30', 'prospect: F = 0', regular]",
            "RFM segment rules, first match wins"),
    CHANNELS_BACK_IN_STOCK("channels.back_in_stock", "[email, push, viber, whatsapp, sms]", "channel preference of back_in_stock"),
    CHANNELS_SOLD_OUT_AGAIN("channels.sold_out_again", "[email, push, viber, whatsapp, sms]", "channel preference of sold_out_again"),
    CHANNELS_ABANDONED_CART("channels.abandoned_cart",
            "[[email, viber, whatsapp, push], [email, viber, whatsapp, push], [push, viber, whatsapp, sms]]",
            "channel preference of each abandoned-cart step"),
    QUIET_HOURS_START("quiet-hours.start", "21:00", "start of quiet hours, customer's local time"),
    QUIET_HOURS_END("quiet-hours.end", "08:00", "end of quiet hours, customer's local time"),
    QUIET_HOURS_CHANNELS("quiet-hours.channels", "[sms, push, viber, whatsapp]", "channels held during quiet hours"),
    CAP_MAX("cap.max", "3", "most notifications per customer in any rolling cap.window"),
    CAP_WINDOW("cap.window", "24 h", "rolling window of the frequency cap"),
    DEDUPE_RETENTION("dedupe.retention", "30 d", "a notificationId is not emitted twice within this of its first emission"),
    SENDTIME_APPLY_TO("sendtime.apply-to", "[abandoned_cart:2, abandoned_cart:3]",
            "kinds (kind or kind:step) held to the customer's preferred hour"),
    SENDTIME_MAX_HOLD("sendtime.max-hold", "12 h", "longest hold to the preferred hour"),
    ENGAGEMENT_SOFT_BOUNCE_LIMIT("engagement.soft-bounce-limit", "3", "soft bounces in a row that make an address bounced"),
    ENGAGEMENT_WINDOW("engagement.window", "90 d", "opens and clicks within this count for the preferred hour"),
    ENGAGEMENT_MIN_OPENS("engagement.min-opens", "3", "opens and clicks needed before a preferred hour is set"),
    LINKS_PRODUCT("links.product", "https://shop.example/p/{sku}", "item url when the catalog has none"),
    LINKS_RESUBSCRIBE("links.resubscribe", "https://shop.example/notify/subscribe?sku={sku}", "link in sold_out_again to wait again"),
    CHECKPOINT_INTERVAL("checkpoint.interval", "10 s", "live mode: checkpoint (and exactly-once commit) interval");

    /** Prefix of the keys passed through to every Kafka client. */
    public static final String KAFKA_PROPERTIES_PREFIX = "kafka.properties.";

    private final String key;
    private final String defaultValue;
    private final String description;

    ConfigKey(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    public static ConfigKey byKey(String key) {
        for (ConfigKey k : values()) {
            if (k.key.equals(key)) {
                return k;
            }
        }
        return null;
    }
}
