package dev.stockwatch.udfs.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Typed, validating access to the fields of one input object. Every failure names the field as
 * {@code topic.field} and says what was expected and what was found, so that a person reading the
 * dead-letter topic can act on it.
 */
final class JsonFields {
    static final int MAX_ID_LENGTH = 128;

    private final String topic;
    private final ObjectNode node;

    JsonFields(String topic, ObjectNode node) {
        this.topic = topic;
        this.node = node;
    }

    String name(String field) {
        return topic + "." + field;
    }

    private JsonNode present(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    private JsonNode required(String field) throws InvalidEventException {
        JsonNode value = present(field);
        if (value == null) {
            throw new InvalidEventException("missing required field " + name(field));
        }
        return value;
    }

    String requiredId(String field) throws InvalidEventException {
        return id(field, required(field));
    }

    String optionalId(String field) throws InvalidEventException {
        JsonNode value = present(field);
        return value == null ? null : id(field, value);
    }

    private String id(String field, JsonNode value) throws InvalidEventException {
        if (!value.isTextual()) {
            throw new InvalidEventException(name(field) + " must be a string, was " + describe(value));
        }
        String text = value.textValue();
        if (text.isEmpty()) {
            throw new InvalidEventException(name(field) + " must not be empty");
        }
        int characters = text.codePointCount(0, text.length()); // not UTF-16 units: an emoji is one character
        if (characters > MAX_ID_LENGTH) {
            throw new InvalidEventException(
                    name(field) + " must be at most " + MAX_ID_LENGTH + " characters, was " + characters);
        }
        return text;
    }

    String optionalText(String field) throws InvalidEventException {
        JsonNode value = present(field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidEventException(name(field) + " must be a string, was " + describe(value));
        }
        return value.textValue();
    }

    /** A required string that must be one of {@code allowed}. */
    String requiredChoice(String field, String... allowed) throws InvalidEventException {
        JsonNode value = required(field);
        if (value.isTextual()) {
            for (String option : allowed) {
                if (option.equals(value.textValue())) {
                    return option;
                }
            }
        }
        throw new InvalidEventException(
                name(field) + " must be one of " + String.join(", ", allowed) + ", was " + describe(value));
    }

    long requiredLong(String field, long min) throws InvalidEventException {
        return integral(name(field), required(field), min);
    }

    static long integral(String name, JsonNode value, long min) throws InvalidEventException {
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new InvalidEventException(name + " must be an integer >= " + min + ", was " + describe(value));
        }
        long v = value.longValue();
        if (v < min) {
            throw new InvalidEventException(name + " must be >= " + min + ", was " + v);
        }
        return v;
    }

    int requiredQuantity(String field) throws InvalidEventException {
        long v = requiredLong(field, 1);
        if (v > Integer.MAX_VALUE) {
            throw new InvalidEventException(name(field) + " must be at most " + Integer.MAX_VALUE + ", was " + v);
        }
        return (int) v;
    }

    Double optionalAmount(String field) throws InvalidEventException {
        JsonNode value = present(field);
        return value == null ? null : amount(name(field), value);
    }

    double requiredAmount(String field) throws InvalidEventException {
        return amount(name(field), required(field));
    }

    static double amount(String name, JsonNode value) throws InvalidEventException {
        if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
            throw new InvalidEventException(name + " must be a number >= 0, was " + describe(value));
        }
        double v = value.doubleValue();
        if (v < 0) {
            throw new InvalidEventException(name + " must be >= 0, was " + value.asText());
        }
        return v;
    }

    boolean optionalBoolean(JsonNode parent, String parentName, String field) throws InvalidEventException {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new InvalidEventException(
                    topic + "." + parentName + "." + field + " must be true or false, was " + describe(value));
        }
        return value.booleanValue();
    }

    JsonNode optionalObject(String field) throws InvalidEventException {
        JsonNode value = present(field);
        if (value != null && !value.isObject()) {
            throw new InvalidEventException(name(field) + " must be an object, was " + describe(value));
        }
        return value;
    }

    JsonNode requiredObject(String field) throws InvalidEventException {
        JsonNode value = required(field);
        if (!value.isObject()) {
            throw new InvalidEventException(name(field) + " must be an object, was " + describe(value));
        }
        return value;
    }

    /** An optional integer in [min, max]. */
    Long optionalLong(String field, long min, long max) throws InvalidEventException {
        JsonNode value = present(field);
        if (value == null) {
            return null;
        }
        long v = integral(name(field), value, min);
        if (v > max) {
            throw new InvalidEventException(name(field) + " must be at most " + max + ", was " + v);
        }
        return v;
    }

    JsonNode requiredArray(String field) throws InvalidEventException {
        JsonNode value = required(field);
        if (!value.isArray()) {
            throw new InvalidEventException(name(field) + " must be an array, was " + describe(value));
        }
        return value;
    }

    /** The event time {@code at}: an ISO-8601 instant, offsets allowed, in epoch milliseconds. */
    long at() throws InvalidEventException {
        JsonNode value = required("at");
        if (!value.isTextual()) {
            throw new InvalidEventException(
                    name("at") + " must be an ISO-8601 instant such as 2026-11-22T10:15:30Z, was " + describe(value));
        }
        long plain = IsoInstants.parseUtc(value.textValue());
        if (plain != IsoInstants.NOT_PLAIN) {
            return plain;
        }
        try {
            return OffsetDateTime.parse(value.textValue(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant()
                    .toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new InvalidEventException(
                    name("at") + " must be an ISO-8601 instant such as 2026-11-22T10:15:30Z, was " + describe(value));
        }
    }

    String optionalZone(String field) throws InvalidEventException {
        String zone = optionalText(field);
        if (zone == null) {
            return null;
        }
        try {
            ZoneId.of(zone);
            return zone;
        } catch (RuntimeException e) {
            throw new InvalidEventException(
                    name(field) + " must be an IANA time zone such as Europe/Warsaw, was \"" + zone + "\"");
        }
    }

    static String describe(JsonNode value) {
        String text = value.toString();
        if (text.length() > 80) {
            text = text.substring(0, 77) + "...";
        }
        return text;
    }
}
