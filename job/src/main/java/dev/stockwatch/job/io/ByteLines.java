package dev.stockwatch.job.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The lines of a file as bytes, split at {@code \n} (a {@code \r} before it is dropped), so that a
 * line which is not valid UTF-8 can be rejected on its own instead of failing the whole file.
 */
public final class ByteLines implements Closeable {
    private final InputStream in;
    private final byte[] chunk = new byte[64 * 1024];
    private int pos;
    private int end;
    private byte[] line = new byte[256];
    private int length;
    private boolean eof;

    public ByteLines(InputStream in) {
        this.in = in;
    }

    /** Reads the next line into {@link #bytes()}/{@link #length()}; false at the end of the input. */
    public boolean next() throws IOException {
        length = 0;
        boolean any = false;
        while (true) {
            if (pos == end) {
                if (eof) {
                    return any;
                }
                end = in.read(chunk);
                pos = 0;
                if (end <= 0) {
                    end = 0;
                    eof = true;
                    return any;
                }
            }
            any = true;
            int start = pos;
            while (pos < end && chunk[pos] != '\n') {
                pos++;
            }
            append(start, pos);
            if (pos < end) {
                pos++; // the \n
                if (length > 0 && line[length - 1] == '\r') {
                    length--;
                }
                return true;
            }
        }
    }

    /** Spaces, tabs and {@code \r} only. */
    public boolean isBlank() {
        for (int i = 0; i < length; i++) {
            if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    public byte[] bytes() {
        return line;
    }

    public int length() {
        return length;
    }

    private void append(int from, int to) {
        int n = to - from;
        if (length + n > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + n));
        }
        System.arraycopy(chunk, from, line, length, n);
        length += n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
