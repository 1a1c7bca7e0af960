package dev.stockwatch.udfs.parse;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Input records are UTF-8 text (SPEC §2); a record that is not is rejected, not guessed at. */
public final class Utf8Text {
    private Utf8Text() {}

    /** The text of a record, and whether its bytes were valid UTF-8 (if not, bad bytes read as U+FFFD). */
    public record Decoded(String text, boolean valid) {}

    public static Decoded decode(byte[] bytes, int offset, int length) {
        String text = new String(bytes, offset, length, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') < 0) {
            return new Decoded(text, true); // the usual case: nothing was replaced
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length));
            return new Decoded(text, true); // a U+FFFD that was in the input itself
        } catch (CharacterCodingException e) {
            return new Decoded(text, false);
        }
    }

    public static Decoded decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    /** The longest start of {@code text} whose UTF-8 encoding has at most {@code maxBytes}, whole characters only. */
    public static String cut(String text, int maxBytes) {
        if ((long) text.length() * 3 <= maxBytes) {
            return text; // no character takes more than 3 bytes per UTF-16 unit
        }
        int bytes = 0;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > maxBytes) {
                return text.substring(0, i);
            }
            bytes += size;
            i += Character.charCount(cp);
        }
        return text;
    }
}
