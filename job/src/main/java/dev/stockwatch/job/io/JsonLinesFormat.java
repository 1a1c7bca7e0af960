package dev.stockwatch.job.io;

import dev.stockwatch.job.model.ShopEvent;
import dev.stockwatch.udfs.event.Topic;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * Reads a replay file of one topic: one JSON object per line, parsed on the spot. The line number
 * is the record's offset (input order, and where a dead letter points). Blank lines are skipped; a
 * line that is not UTF-8 is a dead letter of its own.
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
        ByteLines lines = new ByteLines(stream);
        return new StreamFormat.Reader<>() {
            private long lineNumber;

            @Override
            public ShopEvent read() throws IOException {
                while (lines.next()) {
                    lineNumber++;
                    if (!lines.isBlank()) {
                        return InputParsing.parse(topic, topic.defaultName(), -1, lineNumber, lines.bytes(), lines.length(),
                                Long.MAX_VALUE);
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
