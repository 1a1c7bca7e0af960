package dev.stockwatch.job.io;

import dev.stockwatch.job.model.OutputRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * The replay's sink: every parallel writer appends its records to its own part file in a local
 * directory; {@link #read} gathers them once the job has finished. A replay runs without
 * restarts, so each part file is written by exactly one attempt.
 */
final class ReplaySink implements Sink<OutputRecord> {
    private static final long serialVersionUID = 1L;

    private final String dir;

    ReplaySink(Path dir) {
        this.dir = dir.toAbsolutePath().toString();
    }

    @Override
    public SinkWriter<OutputRecord> createWriter(WriterInitContext context) throws IOException {
        Path file = Path.of(dir, "part-" + context.getTaskInfo().getIndexOfThisSubtask() + ".tsv");
        BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        return new SinkWriter<>() {
            @Override
            public void write(OutputRecord r, Context ctx) throws IOException {
                // JSON escapes tabs and line breaks, so a line holds one record
                writer.write(r.topic() + '\t' + r.eventTime() + '\t' + (r.kind() == null ? "" : r.kind()) + '\t'
                        + r.key().replace('\t', ' ').replace('\n', ' ') + '\t' + r.json() + '\n');
            }

            @Override
            public void flush(boolean endOfInput) throws IOException {
                writer.flush();
            }

            @Override
            public void close() throws IOException {
                writer.close();
            }
        };
    }

    static List<OutputRecord> read(Path dir) throws IOException {
        List<OutputRecord> records = new ArrayList<>();
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(dir, "part-*.tsv")) {
            for (Path part : parts) {
                for (String line : Files.readAllLines(part, StandardCharsets.UTF_8)) {
                    String[] f = line.split("\t", 5);
                    records.add(new OutputRecord(f[0], f[3], f[2].isEmpty() ? null : f[2], Long.parseLong(f[1]), f[4]));
                }
            }
        }
        return records;
    }
}
