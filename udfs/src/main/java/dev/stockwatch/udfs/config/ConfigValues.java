package dev.stockwatch.udfs.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockwatch.udfs.domain.Channel;
import dev.stockwatch.udfs.domain.Incentive;
import dev.stockwatch.udfs.domain.SegmentRule;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.flink.util.TimeUtils;

/** Converters from a YAML value to a typed config value; each failure names the key. */
final class ConfigValues {
    private static final Pattern TIME_OF_DAY = Pattern.compile("([01]?\\d|2[0-3]):[0-5]\\d");

    private ConfigValues() {}

    static String text(String key, JsonNode node) {
        if (node == null || !node.isValueNode() || node.isNull() || node.asText().isBlank()) {
            throw ConfigException.badValue(key, "a non-empty text", node);
        }
        return node.asText().trim();
    }

    static String urlTemplate(String key, JsonNode node) {
        String url = text(key, node);
        if (!url.contains("{sku}")) {
            throw ConfigException.badValue(key, "a URL containing {sku}", url);
        }
        return url;
    }

    static boolean bool(String key, JsonNode node) {
        if (node != null && node.isBoolean()) {
            return node.booleanValue();
        }
        if (node != null && node.isTextual() && node.asText().matches("true|false")) {
            return Boolean.parseBoolean(node.asText());
        }
        throw ConfigException.badValue(key, "true or false", node);
    }

    static long integer(String key, JsonNode node, long min) {
        if (node != null && ((node.isIntegralNumber() && node.canConvertToLong())
                || (node.isTextual() && node.asText().trim().matches("-?\\d{1,18}")))) {
            long value = node.isIntegralNumber() ? node.longValue() : Long.parseLong(node.asText().trim());
            if (value >= min) {
                return value;
            }
        }
        throw ConfigException.badValue(key, "a whole number >= " + min, node);
    }

    static double number(String key, JsonNode node, double min) {
        if (node != null && (node.isNumber() || (node.isTextual() && node.asText().trim().matches("-?\\d+(\\.\\d+)?")))) {
            double value = node.isNumber() ? node.doubleValue() : Double.parseDouble(node.asText().trim());
            if (value >= min && Double.isFinite(value)) {
                return value;
            }
        }
        throw ConfigException.badValue(key, "a number >= " + (min == Math.rint(min) ? Long.toString((long) min) : min), node);
    }

    static Duration duration(String key, JsonNode node) {
        if (node != null && node.isValueNode() && !node.isNull() && !node.isBoolean()) {
            try {
                Duration d = TimeUtils.parseDuration(node.asText().trim());
                if (!d.isNegative()) {
                    return d;
                }
            } catch (RuntimeException ignored) {
                // fall through to the one-line error
            }
        }
        throw ConfigException.badValue(key, "a duration such as 500 ms, 60 s, 30 min, 1 h or 90 d", node);
    }

    static Duration positiveDuration(String key, JsonNode node) {
        Duration d = duration(key, node);
        if (d.isZero()) {
            throw ConfigException.badValue(key, "a duration greater than 0", node);
        }
        return d;
    }

    /** A duration no shorter than {@code min}, which {@code minText} names as the user configures it. */
    static Duration durationAtLeast(String key, JsonNode node, Duration min, String minText) {
        Duration d = duration(key, node);
        if (d.compareTo(min) < 0) {
            throw ConfigException.badValue(key, "at least " + minText + " (" + TimeUtils.formatWithHighestUnit(min) + ")", node);
        }
        return d;
    }

    static LocalTime timeOfDay(String key, JsonNode node) {
        if (node != null && node.isTextual() && TIME_OF_DAY.matcher(node.asText().trim()).matches()) {
            return LocalTime.parse(node.asText().trim().length() == 4 ? "0" + node.asText().trim() : node.asText().trim());
        }
        throw ConfigException.badValue(key, "a time of day HH:MM between 00:00 and 23:59", node);
    }

    static List<JsonNode> list(String key, JsonNode node, boolean allowEmpty) {
        if (node == null || !node.isArray() || (!allowEmpty && node.isEmpty())) {
            throw ConfigException.badValue(key, allowEmpty ? "a list such as [a, b]" : "a non-empty list such as [a, b]", node);
        }
        List<JsonNode> items = new ArrayList<>();
        node.forEach(items::add);
        return items;
    }

    static List<String> texts(String key, JsonNode node) {
        List<String> out = new ArrayList<>();
        for (JsonNode item : list(key, node, false)) {
            String value = text(key, item);
            if (!out.contains(value)) {
                out.add(value);
            }
        }
        return List.copyOf(out);
    }

    static List<Duration> increasingDurations(String key, JsonNode node) {
        List<Duration> out = new ArrayList<>();
        for (JsonNode item : list(key, node, false)) {
            Duration d = positiveDuration(key, item);
            if (!out.isEmpty() && d.compareTo(out.get(out.size() - 1)) <= 0) {
                throw ConfigException.badValue(key, "increasing durations such as [1 h, 24 h, 72 h]", node);
            }
            out.add(d);
        }
        return List.copyOf(out);
    }

    static List<Channel> channels(String key, JsonNode node, boolean allowEmpty) {
        List<Channel> out = new ArrayList<>();
        for (JsonNode item : list(key, node, allowEmpty)) {
            try {
                Channel c = Channel.fromId(text(key, item));
                if (!out.contains(c)) {
                    out.add(c);
                }
            } catch (IllegalArgumentException e) {
                throw ConfigException.badValue(key, "channels among email, sms, push, viber, whatsapp", node);
            }
        }
        return List.copyOf(out);
    }

    /** Kinds, each with or without a step: {@code [abandoned_cart:2, back_in_stock]}. */
    static List<String> sendTimeTargets(String key, JsonNode node) {
        List<String> out = new ArrayList<>();
        for (JsonNode item : list(key, node, true)) {
            String target = text(key, item);
            if (!target.matches("(back_in_stock|sold_out_again|abandoned_cart)(:[1-9][0-9]{0,2})?")) {
                throw ConfigException.badValue(key,
                        "kinds such as [abandoned_cart:2, back_in_stock] (back_in_stock, sold_out_again, abandoned_cart, optionally :step)",
                        node);
            }
            if (!out.contains(target)) {
                out.add(target);
            }
        }
        return List.copyOf(out);
    }

    static List<List<Channel>> channelsPerStep(String key, JsonNode node) {
        List<List<Channel>> out = new ArrayList<>();
        for (JsonNode step : list(key, node, false)) {
            if (!step.isArray()) {
                throw ConfigException.badValue(key, "one channel list per cart step, such as [[email, push], [email], [push, sms]]", node);
            }
            out.add(channels(key, step, true));
        }
        return List.copyOf(out);
    }

    static List<SegmentRule> segmentRules(String key, JsonNode node) {
        List<SegmentRule> out = new ArrayList<>();
        for (JsonNode item : list(key, node, false)) {
            try {
                out.add(SegmentRule.parse(text(key, item)));
            } catch (IllegalArgumentException e) {
                throw ConfigException.badValue(key, e.getMessage(), item);
            }
        }
        return List.copyOf(out);
    }

    /** One map per step from segment (or {@code default}) to an incentive. */
    static List<Map<String, Incentive>> incentives(String key, JsonNode node) {
        List<Map<String, Incentive>> out = new ArrayList<>();
        for (JsonNode step : list(key, node, false)) {
            if (!step.isObject()) {
                throw ConfigException.badValue(key,
                        "one map per cart step, such as [{}, {default: 10%, cant_lose: 15%}, {default: free-shipping 10%}]", node);
            }
            Map<String, Incentive> bySegment = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = step.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                try {
                    bySegment.put(e.getKey(), Incentive.parse(e.getValue().isNull() ? "none" : e.getValue().asText()));
                } catch (IllegalArgumentException ex) {
                    throw ConfigException.badValue(key + " (" + e.getKey() + ")", ex.getMessage(), e.getValue());
                }
            }
            out.add(Map.copyOf(bySegment));
        }
        return List.copyOf(out);
    }
}
