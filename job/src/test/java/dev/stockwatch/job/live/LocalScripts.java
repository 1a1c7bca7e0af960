package dev.stockwatch.job.live;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Runs a {@code deploy/local} script as a data engineer would, with the test's own ports and run directory. */
final class LocalScripts {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path DIR = ROOT.resolve("deploy").resolve("local");

    private LocalScripts() {}

    /** The script's output (stdout and stderr); fails the test when it exits non-zero or hangs. */
    static String run(Map<String, String> env, String name, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(DIR.resolve(name).toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(name + " " + String.join(" ", args) + " timed out:\n" + output);
        }
        System.out.print(output.lines().filter(l -> !l.startsWith("  ")).map(l -> "  [" + name + "] " + l + "\n")
                .collect(Collectors.joining()));
        if (p.exitValue() != 0) {
            throw new AssertionError(name + " " + String.join(" ", args) + " failed (" + p.exitValue() + "):\n" + output);
        }
        return output;
    }
}
