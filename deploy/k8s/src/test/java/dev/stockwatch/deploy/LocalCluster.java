package dev.stockwatch.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Flink settings that {@code deploy/local/flink.sh} writes into the local cluster's config.yaml
 * by default: where the script has a key twice (the state settings of {@code FLINK_STATE}), its
 * first value, the default's.
 */
final class LocalCluster {
    private static final Pattern SETTING = Pattern.compile("^([a-z][a-z0-9.-]+):\\s*(\\S.*)$");

    private LocalCluster() {}

    static Map<String, String> settings(Path script) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String line : Files.readAllLines(script)) {
            Matcher m = SETTING.matcher(line.strip().equals(line) ? line : "");
            if (m.matches()) {
                settings.putIfAbsent(m.group(1), m.group(2).strip());
            }
        }
        return settings;
    }
}
