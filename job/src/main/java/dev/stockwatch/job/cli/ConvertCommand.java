package dev.stockwatch.job.cli;

import dev.stockwatch.sample.RealDataConverter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code stockwatch convert rees46|otto INPUT OUTDIR}: replay input ({@code cart.jsonl}, {@code
 * orders.jsonl}, {@code customers.jsonl}) from a public e-commerce export, with {@link
 * RealDataConverter}: a REES46 "eCommerce behavior data" CSV, or OTTO sessions JSONL.
 */
final class ConvertCommand {
    private final PrintStream out;

    ConvertCommand(PrintStream out) {
        this.out = out;
    }

    int run(List<String> args) throws IOException {
        if (args.size() != 3) {
            throw new UsageException("convert takes a format (rees46 or otto), an input file and an output directory");
        }
        String format = args.get(0);
        Path input = Path.of(args.get(1));
        Path output = Path.of(args.get(2));
        if (!format.equals("rees46") && !format.equals("otto")) {
            throw new UsageException("convert: unknown format \"" + format + "\" (rees46 or otto)");
        }
        if (!Files.isRegularFile(input)) {
            throw new UsageException("convert: " + input + " is not a file");
        }
        RealDataConverter.Result r;
        try {
            r = format.equals("rees46") ? RealDataConverter.rees46(input, output) : RealDataConverter.otto(input, output);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("not a")) {
                throw new UsageException("convert: " + e.getMessage());
            }
            throw e;
        }
        out.printf("%s -> %s: %d cart adds, %d orders, %d customers, %d rows skipped%n",
                input, output, r.carts(), r.orders(), r.customers(), r.skippedRows());
        out.printf("Replay it: java -jar job/target/stockwatch.jar replay --input %s --output OUT%n", output);
        return 0;
    }
}
