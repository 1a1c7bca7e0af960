package dev.stockwatch.job.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The customers' contact data of some input files (email addresses, phone numbers, push tokens,
 * messenger ids, feedback addresses), and where any of it shows up in a tree of log files.
 */
final class PersonalData {
    /** The fields of {@code customers}, {@code engagement} and {@code feedback} records that reach a person. */
    static final Set<String> CONTACT_FIELDS = Set.of("email", "phone", "pushToken", "viber", "whatsapp", "address");
    private static final ObjectMapper JSON = new ObjectMapper();

    private PersonalData() {}

    /** Every contact value in the JSON lines of these files, at any depth; lines that do not parse are skipped. */
    static Set<String> in(List<Path> jsonLines) throws IOException {
        Set<String> values = new TreeSet<>();
        for (Path file : jsonLines) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                try {
                    collect(JSON.readTree(line), values);
                } catch (IOException e) {
                    // a dead letter of the input; its payload is data on notify.dlq, not a contact to look for
                }
            }
        }
        return values;
    }

    private static void collect(JsonNode node, Set<String> values) {
        if (node == null) {
            return;
        }
        node.fields().forEachRemaining(e -> {
            if (CONTACT_FIELDS.contains(e.getKey()) && e.getValue().isTextual() && e.getValue().asText().length() >= 6) {
                values.add(e.getValue().asText());
            } else if (e.getValue().isContainerNode()) {
                collect(e.getValue(), values);
            }
        });
        if (node.isArray()) {
            node.forEach(n -> collect(n, values));
        }
    }

    /** "file: value" for every value found in a file under the roots (files and directories). */
    static List<String> leaks(Set<String> values, List<Path> roots) throws IOException {
        List<String> found = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                    for (String value : values) {
                        if (text.contains(value)) {
                            found.add(file + ": " + value);
                        }
                    }
                }
            }
        }
        return found;
    }
}
