package dev.stockwatch.job.io;

import dev.stockwatch.job.model.ShopEvent;
import dev.stockwatch.udfs.event.Topic;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * Reads a replay file of one topic: one JSON object per line, parsed on the spot. The line number
 * is the record's offset (input order, and where a dead letter points). Blank lines are skipped.
 * A file is one split read from its start, so line numbers hold after a restore too.
 */
public final class JsonLinesFormat extends SimpleStreamFormat<ShopEvent> {
    private static final long serialVersionUID = 1L;

    private final Topic topic;

    public JsonLinesFormat(Topic topic) {
        this.topic = topic;
    }

    @Override
    public StreamFormat.Reader<ShopEvent> createReader(Configuration config, FSDataInputStream stream) {
        BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
        return new StreamFormat.Reader<>() {
            private long lineNumber;

            @Override
            public ShopEvent read() throws IOException {
                String line;
                while ((line = lines.readLine()) != null) {
                    lineNumber++;
                    if (!line.isBlank()) {
                        return InputParsing.parse(topic, topic.defaultName(), -1, lineNumber, line, Long.MAX_VALUE);
                    }
                }
                return null;
            }

            @Override
            public void close() throws IOException {
                lines.close();
            }
        };
    }

    @Override
    public TypeInformation<ShopEvent> getProducedType() {
        return TypeInformation.of(ShopEvent.class);
    }
}
