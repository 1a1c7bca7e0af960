package dev.stockwatch.job.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockwatch.job.io.Replay;
import dev.stockwatch.udfs.config.StockwatchConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code udfs/sql/replay-output.sql}, the SQL file analysts run, in batch mode over the sample day's
 * replay output with the stockwatch SQL functions: the same statements, with the paths pointed at
 * this replay and the SQL client's own commands ({@code ADD JAR}, {@code SET}) done through the
 * table environment. The expected rows come from the story of the sample day.
 */
class ReplayOutputSqlTest {
    static final Path SAMPLE = Path.of("..", "sample-data", "day-in-the-shop").toAbsolutePath().normalize();
    static final Path SQL = Path.of("..", "udfs", "sql", "replay-output.sql");
    private static final Pattern SET = Pattern.compile("(?is)SET\\s+'([^']+)'\\s*=\\s*'([^']*)'");

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @Test
    void theSqlFileGivesTheSampleDaysRevenuePerSegmentAndTheChecksOfEveryNotification(@TempDir Path work) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        Path out = work.resolve("out");
        Replay.run(env, SAMPLE, StockwatchConfig.defaults(), null, null).output().write(out, "notify.");

        TableEnvironment sql = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        List<List<String>> results = new ArrayList<>();
        for (String statement : statements(Files.readString(SQL))) {
            String s = statement.replace("'out/day-in-the-shop/", "'" + out.toUri() )
                    .replace("'sample-data/day-in-the-shop/", "'" + SAMPLE.toUri());
            Matcher set = SET.matcher(s);
            if (s.regionMatches(true, 0, "ADD JAR", 0, 7) || s.contains("sql-client.")) {
                continue; // the SQL client's own; the functions are on this test's classpath
            } else if (set.matches()) {
                sql.getConfig().getConfiguration().setString(set.group(1), set.group(2));
            } else if (s.regionMatches(true, 0, "SELECT", 0, 6)) {
                results.add(rows(sql.executeSql(s)));
            } else {
                sql.executeSql(s);
            }
        }

        assertThat(results).hasSize(2);
        // Nora's press, Chloe's mixer, Mia's kettle: each their first order in a year, so all "new"
        assertThat(results.get(0)).containsExactly(
                "abandoned_cart | new | 1 | 129.0",
                "back_in_stock | new | 1 | 2499.0",
                "sold_out_again | new | 1 | 189.0");
        // Ben (New York) was released at 05:00 local time: held to 08:00 (13:00Z); nothing went out in quiet hours
        assertThat(results.get(1)).containsExactly(
                "abandoned_cart | c-iga | email | 2026-11-20T13:20:00Z | false | false | true | true",
                "abandoned_cart | c-nora | email | 2026-11-19T11:00:00Z | false | false | true | true",
                "abandoned_cart | c-nora | email | 2026-11-20T10:00:00Z | false | false | true | true",
                "abandoned_cart | c-olga | email | 2026-11-18T11:00:00Z | false | false | true | true",
                "abandoned_cart | c-olga | email | 2026-11-19T19:00:00Z | false | false | true | true",
                "back_in_stock | c-ania | email | 2026-11-20T10:01:00Z | false | false | null | null",
                "back_in_stock | c-ben | sms | 2026-11-20T13:00:00Z | true | false | null | null",
                "back_in_stock | c-chloe | push | 2026-11-20T10:01:00Z | false | false | null | null",
                "back_in_stock | c-mia | email | 2026-11-20T09:01:00Z | false | false | null | null",
                "sold_out_again | c-ania | email | 2026-11-20T15:00:00Z | false | false | null | null",
                "sold_out_again | c-ben | sms | 2026-11-20T15:00:00Z | false | false | null | null",
                "sold_out_again | c-mia | viber | 2026-11-20T12:00:00Z | false | false | null | null");
    }

    /** The statements of a SQL file: comment lines left out, split at the semicolons that end a line. */
    static List<String> statements(String file) {
        StringBuilder text = new StringBuilder();
        for (String line : file.split("\n")) {
            if (!line.strip().startsWith("--")) {
                text.append(line).append('\n');
            }
        }
        List<String> statements = new ArrayList<>();
        for (String s : text.toString().split(";\\s*\n")) {
            if (!s.isBlank()) {
                statements.add(s.strip().replaceAll(";$", ""));
            }
        }
        return statements;
    }

    private static List<String> rows(TableResult result) throws Exception {
        List<String> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = result.collect()) {
            while (it.hasNext()) {
                Row row = it.next();
                List<String> fields = new ArrayList<>();
                for (int i = 0; i < row.getArity(); i++) {
                    fields.add(String.valueOf(row.getField(i)));
                }
                rows.add(String.join(" | ", fields));
            }
        }
        return rows;
    }
}
