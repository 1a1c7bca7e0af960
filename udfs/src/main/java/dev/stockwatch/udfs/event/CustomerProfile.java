package dev.stockwatch.udfs.event;

/**
 * A customer's contact data, consent and preferences (topic {@code customers}, a changelog: the
 * latest record per customer wins). Address fields, locale, segment and {@code homeStore} (a stock
 * location) may be null.
 */
public record CustomerProfile(
        String customerId,
        String email,
        String phone,
        String pushToken,
        String viber,
        String whatsapp,
        Consent consent,
        String timezone,
        String locale,
        String segment,
        String homeStore,
        long at) implements InputEvent {}
