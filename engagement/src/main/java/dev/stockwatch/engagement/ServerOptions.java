package dev.stockwatch.engagement;

import dev.stockwatch.udfs.engagement.EngagementRules;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The function server's command line: {@code [--bind 127.0.0.1] [--port 8000]
 * [--topic.feedback feedback] [--topic.engagement engagement] [--dlq-topic notify.dlq] [--engagement.soft-bounce-limit 3]
 * [--engagement.window "90 d"] [--engagement.min-opens 3]}, the engagement keys with the
 * defaults and duration forms of SPEC §12.
 */
record ServerOptions(String bind, int port, String feedbackTopic, String engagementTopic, String dlqTopic,
        EngagementRules rules) {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|min|h|d)");

    static ServerOptions parse(List<String> args) {
        String bind = "127.0.0.1";
        int port = 8000;
        String feedbackTopic = "feedback";
        String engagementTopic = "engagement";
        String dlqTopic = "notify.dlq";
        EngagementRules d = EngagementRules.DEFAULTS;
        int softBounceLimit = d.softBounceLimit();
        Duration window = d.window();
        int minOpens = d.minOpens();
        for (int i = 0; i < args.size(); i += 2) {
            String name = args.get(i);
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = args.get(i + 1);
            switch (name) {
                case "--bind" -> bind = value;
                case "--port" -> port = integer(name, value);
                case "--topic.feedback" -> feedbackTopic = value;
                case "--topic.engagement" -> engagementTopic = value;
                case "--dlq-topic" -> dlqTopic = value;
                case "--engagement.soft-bounce-limit" -> softBounceLimit = integer(name, value);
                case "--engagement.window" -> window = duration(name, value);
                case "--engagement.min-opens" -> minOpens = integer(name, value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        return new ServerOptions(bind, port, feedbackTopic, engagementTopic, dlqTopic,
                new EngagementRules(softBounceLimit, window, minOpens));
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": not an integer: " + value);
        }
    }

    /** {@code 90 d}, {@code 36 h}, {@code 30 min}, {@code 60 s}, {@code 500 ms}. */
    static Duration duration(String name, String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(name + ": not a duration such as \"90 d\": " + text);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "min" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
