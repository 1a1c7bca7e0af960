package dev.stockwatch.bench;

import java.nio.file.Path;
import java.util.Map;

final class StateScale {
    StateScale(int parallelism, int runs, Path tmp, Map<String, String> options) {}

    void measure(Report report) throws Exception {}
}
