package dev.stockwatch.job.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stockwatch.job.io.Replay;
import dev.stockwatch.udfs.config.StockwatchConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample day's {@code report.html} opened in a real headless Chromium with every host name
 * unresolvable (the page must need no network): each chart has drawn an SVG with shapes in it, and
 * the page recorded no error (script errors, {@code console.error}, resources that failed to
 * load). Needs Debian's {@code chromium}; skipped without it, except on CI ({@code CI=true}),
 * whose {@code .ci/run} installs it.
 */
class ReportInBrowserTest {
    static final Path SAMPLE = Path.of("..", "sample-data", "day-in-the-shop");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final List<String> CHARTS = List.of("chart-back-in-stock-funnel", "chart-cart-ladder-funnel",
            "chart-notifications-over-time", "chart-suppressions", "chart-revenue-per-kind", "chart-revenue-share",
            "chart-waiting-lists");

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    /** The flags that run Chromium headless here, with its own fresh profile. */
    static List<String> chromium(Path profile, String... args) {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--host-resolver-rules=MAP * ~NOTFOUND"));
        command.addAll(List.of(args));
        return command;
    }

    @Test
    void everyChartOfTheSampleDaysReportRendersWithoutErrorsAndWithoutNetwork(@TempDir Path work) throws Exception {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        if (!ci) {
            assumeTrue(Files.isExecutable(CHROMIUM), "chromium is not installed (apt-get install chromium)");
        }
        assertThat(CHROMIUM).as("chromium, which .ci/run installs").isExecutable();

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        Replay.Result result = Replay.run(env, SAMPLE, StockwatchConfig.load(null, Map.of()), null, null);
        Path report = work.resolve("report.html");
        Files.writeString(report, HtmlReport.render(ReplayFigures.of(result), "day-in-the-shop"));

        Process browser = new ProcessBuilder(chromium(work.resolve("profile"), "--dump-dom", report.toUri().toString()))
                .redirectError(work.resolve("chromium.log").toFile())
                .start();
        String dom = new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(browser.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(browser.exitValue()).as("chromium's exit code; its log:\n" + Files.readString(work.resolve("chromium.log")))
                .isZero();

        Matcher root = Pattern.compile("<html[^>]*>").matcher(dom);
        assertThat(root.find()).as("an html element in the DOM").isTrue();
        assertThat(root.group()).as("errors the page recorded (data-errors)").doesNotContain("data-errors")
                .contains("data-charts=\"" + CHARTS.size() + "\"");
        for (String chart : CHARTS) {
            String content = chartContent(dom, chart);
            assertThat(content.contains("<svg")).as(chart + " has an svg").isTrue();
            assertThat(Pattern.compile("<path d=\"M[^\"]+\"").matcher(content).find()).as(chart + " has shapes").isTrue();
            assertThat(content.contains("<text")).as(chart + " has text").isTrue();
        }
        assertThat(chartContent(dom, "chart-revenue-per-kind").contains(">back_in_stock</text>"))
                .as("the sample day's conversion is drawn").isTrue();
    }

    /** The markup of one chart's element, up to the next chart. */
    static String chartContent(String dom, String id) {
        Matcher m = Pattern.compile("<div class=\"chart\" id=\"" + id + "\"(.*?)(<div class=\"chart\"|</div>\\s*<footer)",
                Pattern.DOTALL).matcher(dom);
        assertThat(m.find()).as("chart element " + id).isTrue();
        return m.group(1);
    }
}
