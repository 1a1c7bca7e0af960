package dev.stockwatch.udfs.domain;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Builds links from the {@code links.*} templates. */
public final class Links {
    private Links() {}

    public static String forSku(String template, String sku) {
        return template.replace("{sku}", URLEncoder.encode(sku, StandardCharsets.UTF_8).replace("+", "%20"));
    }
}
