package dev.stockwatch.job.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code OUT/report.html}: one page that opens without network access, with the figures of {@link
 * ReplayFigures} drawn by Apache ECharts, which is inlined into the page from its WebJar.
 */
public final class HtmlReport {
    static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
    private static final String TEMPLATE = "report/report.html";

    private HtmlReport() {}

    /** The page for a replay; {@code title} names its input. */
    public static String render(ReplayFigures figures, String title) throws Exception {
        // "</" cannot end the inline script element early in JSON written as "<\/"
        String summary = figures.json().toString().replace("</", "<\\/");
        return resource(TEMPLATE)
                .replace("{{TITLE}}", escapeHtml(title))
                .replace("{{ECHARTS}}", resource(ECHARTS))
                .replace("{{SUMMARY}}", summary);
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing from the classpath: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
