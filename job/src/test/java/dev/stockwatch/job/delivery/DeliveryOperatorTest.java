package dev.stockwatch.job.delivery;

import static dev.stockwatch.job.TestEvents.t;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockwatch.job.HarnessState;
import dev.stockwatch.job.SequencedHarnesses;
import dev.stockwatch.job.graph.Decisions;
import dev.stockwatch.job.model.CustomerInput;
import dev.stockwatch.job.model.OutputRecord;
import dev.stockwatch.job.model.ShopEvent;
import dev.stockwatch.job.graph.StockwatchPipeline;
import dev.stockwatch.udfs.config.StockwatchConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The delivery operator in a test harness with its broadcast states, fed customer inputs. */
abstract class DeliveryOperatorTest {
    /** cap.max 10 and notify.batch-window 0 s: each release is decided at its own instant. */
    static final Map<String, String> EACH_RELEASE_AT_ONCE = Map.of("cap.max", "10", "notify.batch-window", "0 s");
    private static final ObjectMapper JSON = new ObjectMapper();
    protected KeyedBroadcastOperatorTestHarness<String, CustomerInput, ShopEvent, OutputRecord> harness;
    private final Map<String, String> settings;

    /** With cap.max 10, else the defaults. */
    DeliveryOperatorTest() {
        this(Map.of("cap.max", "10"));
    }

    /** @param settings the config keys the harness opens with, over the defaults */
    DeliveryOperatorTest(Map<String, String> settings) {
        this.settings = settings;
    }

    @BeforeEach
    void open() throws Exception {
        open(settings);
    }

    /** Starts over with a new operator of other settings. */
    protected void reopen(Map<String, String> settings) throws Exception {
        close();
        open(settings);
    }

    private void open(Map<String, String> settings) throws Exception {
        harness = harness(settings);
    }

    /** The delivery operator as the live job runs it ({@code broadcast.retention} from the config) in a harness. */
    static KeyedBroadcastOperatorTestHarness<String, CustomerInput, ShopEvent, OutputRecord> harness(Map<String, String> config)
            throws Exception {
        StockwatchConfig c = StockwatchConfig.load(null, config);
        return SequencedHarnesses.keyedWithBroadcast(
                new DeliveryFunction(c, StockwatchPipeline.NO_END, c.broadcastRetention.toMillis()),
                CustomerInput::customerId, CatalogHistory.DESCRIPTOR, StoreStock.DESCRIPTOR);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    protected void send(CustomerInput... inputs) throws Exception {
        for (CustomerInput input : inputs) {
            harness.processElement(input, input.key().at());
        }
    }

    /** Moves event time to {@code time} ({@link dev.stockwatch.job.TestEvents#t}). */
    protected void watermark(String time) throws Exception {
        harness.watermark(t(time));
    }

    /** Every output so far as JSON, with its topic in {@code _topic}. */
    protected List<JsonNode> outputs() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (OutputRecord r : harness.extractOutputValues()) {
            ObjectNode n = (ObjectNode) JSON.readTree(r.json());
            n.put("_topic", r.topic());
            out.add(n);
        }
        return out;
    }

    /** Every output so far as a {@link Decisions} line: {@code topic kind customer [skus] eventTime ... [reason]}. */
    protected List<String> decisions() throws Exception {
        return outputs().stream().map(n -> Decisions.describe(n.path("_topic").asText(), n)).toList();
    }

    /** Moves event time to {@code time} and returns every decision so far (see {@link #decisions()}). */
    protected List<String> decisionsBy(String time) throws Exception {
        watermark(time);
        return decisions();
    }

    /** How many customers hold the state of this name (a part's state descriptor name). */
    protected long keysHolding(String state) {
        return HarnessState.keysHolding(harness, state);
    }

    /**
     * Moves event time to 1 ms before {@code time}, when some customer still holds {@code state},
     * then to {@code time}, when none does.
     */
    protected void assertForgottenExactlyAt(String state, String time) throws Exception {
        harness.watermark(t(time) - 1);
        assertThat(keysHolding(state)).as(state + " held 1 ms before " + time).isPositive();
        harness.watermark(t(time));
        assertThat(keysHolding(state)).as(state + " held at " + time).isZero();
    }

    /**
     * Moves event time to {@code time}, when every window has passed: no event-time timer is left,
     * and no keyed state but the customers' changelogs ({@code profile}, {@code engagement}: the
     * latest record per customer, kept for good, SPEC §2). A test that sends no changelog thus
     * asserts that no keyed state is left at all.
     */
    protected void assertEverythingForgottenBy(String time) throws Exception {
        watermark(time);
        assertEverythingForgotten();
    }

    /** As {@link #assertEverythingForgottenBy}, at the current watermark. */
    protected void assertEverythingForgotten() {
        assertThat(harness.numEventTimeTimers()).as("event-time timers").isZero();
        long changelogs = keysHolding("profile") + keysHolding("engagement");
        assertThat(HarnessState.keyedStateEntries(harness) - changelogs)
                .as("keyed state entries besides the profile and engagement changelogs").isZero();
    }
}
