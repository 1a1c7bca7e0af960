package dev.stockwatch.udfs.domain;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One RFM segment rule such as {@code champions: R <= 30 and F >= 5}: the segment applies when
 * every condition holds. A rule without conditions ({@code regular}) always applies.
 */
public record SegmentRule(String segment, List<Condition> conditions) implements Serializable {

    /** {@code metric op value}; metric is R (whole days since the latest order), F (orders) or M (value). */
    public record Condition(char metric, String op, double value) implements Serializable {
        boolean holds(Rfm rfm) {
            double x = switch (metric) {
                case 'R' -> rfm.frequency() == 0 ? Double.POSITIVE_INFINITY : rfm.recencyDays();
                case 'F' -> rfm.frequency();
                default -> rfm.monetary();
            };
            return switch (op) {
                case "<=" -> x <= value;
                case "<" -> x < value;
                case ">=" -> x >= value;
                case ">" -> x > value;
                default -> x == value;
            };
        }

        @Override
        public String toString() {
            String v = value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
            return metric + " " + op + " " + v;
        }
    }

    private static final Pattern RULE = Pattern.compile("\\s*([a-z][a-z0-9_-]*)\\s*(?::\\s*(.*))?", Pattern.CASE_INSENSITIVE);
    private static final Pattern CONDITION = Pattern.compile("\\s*([RFMrfm])\\s*(<=|>=|<|>|==|=)\\s*(\\d+(?:\\.\\d+)?)\\s*");

    public boolean matches(Rfm rfm) {
        for (Condition c : conditions) {
            if (!c.holds(rfm)) {
                return false;
            }
        }
        return true;
    }

    /** @throws IllegalArgumentException with what was expected */
    public static SegmentRule parse(String text) {
        Matcher m = RULE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("a rule such as \"champions: R <= 30 and F >= 5\"");
        }
        List<Condition> conditions = new ArrayList<>();
        String body = m.group(2);
        if (body != null && !body.isBlank()) {
            for (String term : body.split("(?i)\\s+and\\s+")) {
                Matcher c = CONDITION.matcher(term);
                if (!c.matches()) {
                    throw new IllegalArgumentException(
                            "conditions such as \"R <= 30\", \"F >= 5\" or \"M > 100\" joined by \"and\"");
                }
                String op = c.group(2).equals("==") ? "=" : c.group(2);
                conditions.add(new Condition(
                        c.group(1).toUpperCase(Locale.ROOT).charAt(0), op, Double.parseDouble(c.group(3))));
            }
        }
        return new SegmentRule(m.group(1), List.copyOf(conditions));
    }

    @Override
    public String toString() {
        if (conditions.isEmpty()) {
            return segment;
        }
        StringBuilder sb = new StringBuilder(segment).append(": ");
        for (int i = 0; i < conditions.size(); i++) {
            sb.append(i == 0 ? "" : " and ").append(conditions.get(i));
        }
        return sb.toString();
    }
}
