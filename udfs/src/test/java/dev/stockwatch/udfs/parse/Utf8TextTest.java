package dev.stockwatch.udfs.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockwatch.udfs.output.DeadLetter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8TextTest {
    @Test
    void validTextIsValidEvenWithAReplacementCharacterOfItsOwn() {
        assertThat(Utf8Text.decode("{\"sku\":\"Żółw-\uFFFD\"}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new Utf8Text.Decoded("{\"sku\":\"Żółw-\uFFFD\"}", true));
    }

    @Test
    void bytesThatAreNotUtf8AreInvalidAndReadWithReplacementCharacters() {
        byte[] latin1 = "{\"sku\":\"H\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        Utf8Text.Decoded d = Utf8Text.decode(latin1);
        assertThat(d.valid()).isFalse();
        assertThat(d.text()).isEqualTo("{\"sku\":\"H\uFFFD\"}");
        assertThat(Utf8Text.decode(new byte[] {'a', (byte) 0xF0, (byte) 0x9F}, 0, 3).valid()).as("a cut 4-byte character").isFalse();
        assertThat(Utf8Text.decode(new byte[] {'x', 'a', 'b'}, 1, 2)).isEqualTo(new Utf8Text.Decoded("ab", true));
    }

    @Test
    void cutCountsUtf8BytesAndNeverSplitsACharacter() {
        assertThat(Utf8Text.cut("abc", 3)).isEqualTo("abc");
        assertThat(Utf8Text.cut("abcd", 3)).isEqualTo("abc");
        assertThat(Utf8Text.cut("aé", 2)).isEqualTo("a"); // é is 2 bytes
        assertThat(Utf8Text.cut("a\uD83D\uDE00", 4)).isEqualTo("a"); // the emoji is 4 bytes, 2 UTF-16 units
        assertThat(Utf8Text.cut("a\uD83D\uDE00", 5)).isEqualTo("a\uD83D\uDE00");
        assertThat(Utf8Text.cut("", 0)).isEmpty();
    }

    @Test
    void aDeadLetterPayloadIsAtMost64KiBOfUtf8() {
        String emojis = "\uD83D\uDE00".repeat(20_000); // 80,000 bytes in 40,000 UTF-16 units
        String payload = DeadLetter.of("r", "stock", -1, 1, emojis).payload();
        assertThat(payload.getBytes(StandardCharsets.UTF_8)).hasSize(64 * 1024);
        String ascii = "a".repeat(65_535) + "\uD83D\uDE00";
        String cut = DeadLetter.of("r", "stock", -1, 1, ascii).payload();
        assertThat(cut).isEqualTo("a".repeat(65_535));
        assertThat(DeadLetter.of("r", "stock", -1, 1, null).payload()).isEmpty();
    }
}
