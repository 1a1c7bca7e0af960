package dev.stockwatch.udfs.config;

/** A configuration problem a user can fix; the message is one line and names the key. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message, null, false, false);
    }

    public static ConfigException badValue(String key, String expected, Object was) {
        return new ConfigException(key + ": must be " + expected + ", was " + show(was));
    }

    static String show(Object value) {
        if (value == null) {
            return "empty";
        }
        String text = value.toString();
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
