package dev.stockwatch.udfs.event;

/** Per-channel consent of a customer; absent means false. */
public record Consent(boolean email, boolean sms, boolean push, boolean viber, boolean whatsapp) {
    public static final Consent NONE = new Consent(false, false, false, false, false);
}
