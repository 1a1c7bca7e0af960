package dev.stockwatch.job.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stockwatch convert}: public exports to replay input, through the command line. */
class ConvertCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aRees46ExportBecomesCartOrdersAndCustomers(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("export.csv");
        Files.write(csv, List.of(
                "event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session",
                "2019-10-01 00:00:00 UTC,view,1004237,2053013555631882655,electronics.smartphone,apple,1081.98,535871217,s-1",
                "2019-10-01 00:01:00 UTC,cart,1004237,2053013555631882655,electronics.smartphone,apple,1081.98,535871217,s-1",
                "2019-10-01 00:05:00 UTC,purchase,1004237,2053013555631882655,electronics.smartphone,apple,1081.98,535871217,s-1",
                "2019-10-01 00:06:00 UTC,cart,100"));
        Path outDir = dir.resolve("replay-input");
        assertThat(run("convert", "rees46", csv.toString(), outDir.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("1 cart adds, 1 orders, 1 customers, 1 rows skipped");
        assertThat(Files.readAllLines(outDir.resolve("cart.jsonl"))).singleElement().asString()
                .contains("\"type\":\"add\"", "\"sku\":\"1004237\"", "\"unitPrice\":1081.98");
        assertThat(Files.readAllLines(outDir.resolve("orders.jsonl"))).hasSize(1);
        assertThat(Files.readAllLines(outDir.resolve("customers.jsonl"))).hasSize(1);
    }

    @Test
    void aFileOfAnotherFormatOrAMissingOneIsAUsageError(@TempDir Path dir) throws Exception {
        Path notCsv = dir.resolve("sessions.jsonl");
        Files.writeString(notCsv, "{\"session\":1,\"events\":[]}\n");
        assertThat(run("convert", "rees46", notCsv.toString(), dir.resolve("o").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("not a REES46 file");
        assertThat(run("convert", "amazon", notCsv.toString(), dir.resolve("o").toString())).isEqualTo(2);
        assertThat(run("convert", "otto", dir.resolve("missing.jsonl").toString(), dir.resolve("o").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown format \"amazon\"", "is not a file");
    }
}
