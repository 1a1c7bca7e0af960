package dev.stockwatch.udfs.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Stable hex digests of text; the same input gives the same digest on every machine and run. */
public final class Hashing {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** One SHA-256 instance per thread: looking the algorithm up for every digest was a visible cost. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    });

    private Hashing() {}

    /** The first {@code hexChars} hex characters of the SHA-256 of the given parts joined by '|'. */
    public static String digest(int hexChars, Object... parts) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                sb.append('|');
            }
            sb.append(parts[i]);
        }
        // digest() resets the instance, so it is ready for the next call on this thread
        byte[] hash = SHA_256.get().digest(sb.toString().getBytes(StandardCharsets.UTF_8));
        char[] out = new char[hexChars];
        for (int i = 0; i < hexChars; i++) {
            int b = hash[i / 2] & 0xff;
            out[i] = HEX[i % 2 == 0 ? b >>> 4 : b & 0x0f];
        }
        return new String(out);
    }
}
