package dev.stockwatch.udfs.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockwatch.udfs.config.StockwatchConfig;
import org.junit.jupiter.api.Test;

/** SPEC §3 links: the sku is URL-encoded into the template. */
class LinksTest {
    private static final StockwatchConfig DEFAULTS = StockwatchConfig.defaults();

    @Test
    void aPlainSkuIsUnchanged() {
        assertThat(Links.forSku(DEFAULTS.linksProduct, "5KSM175-ER")).isEqualTo("https://shop.example/p/5KSM175-ER");
        assertThat(Links.forSku(DEFAULTS.linksResubscribe, "5KSM175-ER"))
                .isEqualTo("https://shop.example/notify/subscribe?sku=5KSM175-ER");
    }

    @Test
    void reservedCharactersAreEncoded() {
        assertThat(Links.forSku(DEFAULTS.linksProduct, "a b/c&d?e#f"))
                .isEqualTo("https://shop.example/p/a%20b%2Fc%26d%3Fe%23f");
        assertThat(Links.forSku(DEFAULTS.linksResubscribe, "x+y=z"))
                .isEqualTo("https://shop.example/notify/subscribe?sku=x%2By%3Dz");
    }

    @Test
    void nonAsciiIsUtf8PercentEncoded() {
        assertThat(Links.forSku(DEFAULTS.linksProduct, "żółw")).isEqualTo("https://shop.example/p/%C5%BC%C3%B3%C5%82w");
    }

    @Test
    void everyPlaceholderIsReplaced() {
        assertThat(Links.forSku("https://x.example/{sku}?ref={sku}", "a b")).isEqualTo("https://x.example/a%20b?ref=a%20b");
    }
}
