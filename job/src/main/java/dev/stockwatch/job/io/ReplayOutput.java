package dev.stockwatch.job.io;

import dev.stockwatch.job.model.OutputRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The output of a replay, one list per output topic, each sorted by event time (absent first), then
 * by the whole line (SPEC §10): the same bytes for every parallelism and every run.
 */
public final class ReplayOutput {
    /** Every output topic suffix, in the order the files are listed. */
    public static final List<String> TOPICS = List.of("email", "sms", "push", "viber", "whatsapp", "suppressed", "dlq", "conversions");

    private static final Comparator<OutputRecord> FILE_ORDER =
            Comparator.comparingLong(OutputRecord::eventTime).thenComparing(OutputRecord::json);

    private final Map<String, List<OutputRecord>> byTopic = new LinkedHashMap<>();

    public ReplayOutput(List<OutputRecord> records) {
        for (String topic : TOPICS) {
            byTopic.put(topic, new ArrayList<>());
        }
        for (OutputRecord r : records) {
            byTopic.computeIfAbsent(r.topic(), t -> new ArrayList<>()).add(r);
        }
        byTopic.values().forEach(list -> list.sort(FILE_ORDER));
    }

    public List<OutputRecord> records(String topic) {
        return byTopic.getOrDefault(topic, List.of());
    }

    public List<String> lines(String topic) {
        return records(topic).stream().map(OutputRecord::json).toList();
    }

    public Map<String, List<OutputRecord>> byTopic() {
        return byTopic;
    }

    /** Writes {@code DIR/<prefix><topic>.jsonl} for every output topic, empty ones included. */
    public void write(Path dir, String topicPrefix) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, List<OutputRecord>> e : byTopic.entrySet()) {
            StringBuilder sb = new StringBuilder();
            for (OutputRecord r : e.getValue()) {
                sb.append(r.json()).append('\n');
            }
            Files.writeString(dir.resolve(topicPrefix + e.getKey() + ".jsonl"), sb.toString(), StandardCharsets.UTF_8);
        }
    }
}
