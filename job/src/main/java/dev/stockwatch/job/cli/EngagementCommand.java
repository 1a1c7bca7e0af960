package dev.stockwatch.job.cli;

import dev.stockwatch.udfs.config.StockwatchConfig;
import dev.stockwatch.udfs.engagement.EngagementFunction;
import dev.stockwatch.udfs.engagement.EngagementRules;
import dev.stockwatch.udfs.output.OutputJson;
import dev.stockwatch.udfs.parse.FeedbackParser;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code stockwatch engagement --input feedback.jsonl --output engagement.jsonl}: the engagement
 * function (SPEC §14) without the Stateful Functions runtime. Each line runs the same {@link
 * EngagementFunction} step the runtime's function runs, in file order, with the state of the
 * line's customer (as the runtime sees one partition's records, keyed by customerId, in order).
 * Engagement records go to the output file, one a line; dead letters to {@code notify.dlq.jsonl}
 * beside it (partition absent, offset = line number, as in a replay). Blank lines are skipped.
 */
final class EngagementCommand {
    private static final Set<String> OPTIONS = Set.of("input", "output", "config");

    private final PrintStream out;

    EngagementCommand(PrintStream out) {
        this.out = out;
    }

    int run(List<String> argList) throws IOException {
        Args args = Args.parse(argList, OPTIONS);
        Path input = Path.of(args.required("input"));
        Path output = Path.of(args.required("output")).toAbsolutePath();
        if (!Files.isRegularFile(input)) {
            throw new UsageException("engagement: --input " + input + " is not a file");
        }
        String configFile = args.options.get("config");
        StockwatchConfig config = StockwatchConfig.load(configFile == null ? null : Path.of(configFile), args.configKeys);
        Path deadLetters = output.resolveSibling(config.sinkTopicPrefix + "dlq" + ".jsonl");
        Files.createDirectories(output.getParent());

        EngagementFunction function = new EngagementFunction(EngagementRules.from(config), config.feedbackTopic);
        Map<String, String> states = new HashMap<>();
        long lines = 0;
        long records = 0;
        long rejected = 0;
        try (BufferedReader in = reader(input);
                BufferedWriter engagement = Files.newBufferedWriter(output);
                BufferedWriter dlq = Files.newBufferedWriter(deadLetters)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines++;
                if (line.isBlank()) {
                    continue;
                }
                String customerId = FeedbackParser.customerIdOf(line);
                EngagementFunction.Outcome outcome = function.apply(null, states.get(customerId), line, lines);
                if (outcome.deadLetter() != null) {
                    dlq.write(OutputJson.write(outcome.deadLetter()));
                    dlq.newLine();
                    rejected++;
                    continue;
                }
                states.put(customerId, outcome.state());
                if (outcome.record() != null) {
                    engagement.write(OutputJson.write(outcome.record()));
                    engagement.newLine();
                    records++;
                }
            }
        }
        out.printf("%s: %,d lines, %,d customers -> %,d engagement records in %s, %,d dead letters in %s%n",
                input, lines, states.size(), records, output, rejected, deadLetters);
        return 0;
    }

    /** UTF-8, with the replacement character for bytes that are not (the parser then names the field). */
    private static BufferedReader reader(Path input) throws IOException {
        return new BufferedReader(new InputStreamReader(Files.newInputStream(input), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)));
    }
}
