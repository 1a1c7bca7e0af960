package dev.stockwatch.job.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockwatch.job.model.CustomerInput;
import dev.stockwatch.job.model.OutputRecord;
import dev.stockwatch.job.model.ShopEvent;
import dev.stockwatch.job.graph.StockwatchPipeline;
import dev.stockwatch.udfs.config.StockwatchConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The delivery operator in a test harness with its broadcast states (cap.max 10), fed customer inputs. */
abstract class DeliveryOperatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    protected KeyedBroadcastOperatorTestHarness<String, CustomerInput, ShopEvent, OutputRecord> harness;

    @BeforeEach
    void open() throws Exception {
        harness = harness(Map.of("cap.max", "10"));
    }

    /** The delivery operator as the live job runs it ({@code broadcast.retention} from the config) in a harness. */
    static KeyedBroadcastOperatorTestHarness<String, CustomerInput, ShopEvent, OutputRecord> harness(Map<String, String> config)
            throws Exception {
        StockwatchConfig c = StockwatchConfig.load(null, config);
        return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new DeliveryFunction(c, StockwatchPipeline.NO_END, c.broadcastRetention.toMillis()),
                CustomerInput::customerId, Types.STRING, CatalogHistory.DESCRIPTOR, StoreStock.DESCRIPTOR);
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
}
