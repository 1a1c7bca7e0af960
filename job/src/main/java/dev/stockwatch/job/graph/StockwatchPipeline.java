package dev.stockwatch.job.graph;

import dev.stockwatch.job.cart.CartLadderFunction;
import dev.stockwatch.job.conversion.Conversions;
import dev.stockwatch.job.delivery.CatalogHistory;
import dev.stockwatch.job.delivery.DeliveryFunction;
import dev.stockwatch.job.delivery.StoreStock;
import dev.stockwatch.job.model.CartInput;
import dev.stockwatch.job.pipeline.EventTimeSequencer;
import dev.stockwatch.job.pipeline.SequencedBroadcastOperator;
import dev.stockwatch.job.pipeline.SequencedProcessOperator;
import dev.stockwatch.job.model.CustomerInput;
import dev.stockwatch.job.model.OutputRecord;
import dev.stockwatch.job.model.ShopEvent;
import dev.stockwatch.job.model.SignalType;
import dev.stockwatch.job.model.SkuInput;
import dev.stockwatch.job.model.SkuSignal;
import dev.stockwatch.job.model.SoldOutAgainCandidate;
import dev.stockwatch.job.restock.WaitingListFunction;
import dev.stockwatch.job.soldout.SoldOutAgainPattern;
import dev.stockwatch.udfs.config.StockwatchConfig;
import dev.stockwatch.udfs.event.Topic;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The stockwatch job graph. It takes its inputs from an {@link InputSource} and returns every output
 * record as one stream; the caller decides where they go (files in a replay, Kafka live, a list in
 * tests). Every operator has a stable uid, so savepoints restore across versions.
 */
public final class StockwatchPipeline {
    /** The final event time of a live run: nothing is cut off. */
    public static final long NO_END = EventTimeSequencer.NO_END;

    private final StockwatchConfig config;
    private final InputSource inputs;
    private final long until;

    /**
     * @param until the final watermark (replay {@code --until}); nothing due later is applied
     */
    public StockwatchPipeline(StockwatchConfig config, InputSource inputs, long until) {
        this.config = config;
        this.inputs = inputs;
        this.until = until;
    }

    /**
     * Settings every stockwatch environment runs with: no Kryo fallback, explicit uids only, and
     * object reuse: chained operators hand records on without copying them through their
     * serializer. That is safe because every record type of the job is an immutable Java record,
     * no function changes or keeps its input object, and records that cross the network are
     * always deserialized into new objects.
     */
    public static Configuration pipelineSettings() {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        return conf;
    }

    public DataStream<OutputRecord> build(StreamExecutionEnvironment env) {
        env.configure(pipelineSettings());
        List<DataStream<ShopEvent>> events = new ArrayList<>();
        List<DataStream<OutputRecord>> deadLetters = new ArrayList<>();
        for (Topic topic : Topic.values()) {
            DataStream<ShopEvent> raw = inputs.open(env, topic);
            if (raw == null) {
                continue;
            }
            SingleOutputStreamOperator<ShopEvent> accounted = raw.process(new InputAccounting(topic, until))
                    .uid("account-" + topic.defaultName())
                    .name("count and route " + topic.defaultName());
            events.add(accounted);
            deadLetters.add(accounted.getSideOutput(InputAccounting.DEAD_LETTERS));
        }
        if (events.isEmpty()) {
            throw new IllegalArgumentException("no input: the pipeline needs at least one input topic");
        }
        DataStream<ShopEvent> all = union(events);

        DataStream<SkuSignal> signals = all.flatMap(new Routing.ToSkuInputs())
                .returns(TypeInformation.of(SkuInput.class))
                .uid("route-to-skus")
                .name("route to waiting lists")
                .keyBy(SkuInput::sku)
                .transform("waiting list per sku", TypeInformation.of(SkuSignal.class),
                        new SequencedProcessOperator<>(new WaitingListFunction(config, until)))
                .uid("waiting-list");

        DataStream<SoldOutAgainCandidate> soldOutAgain = SoldOutAgainPattern.detect(
                        signals.filter(Routing::forSoldOutWatch)
                                .uid("filter-sold-out-watch")
                                .name("released, purchased, sold out")
                                .keyBy(SkuSignal::watchKey),
                        config.soldoutWindow)
                .uid("sold-out-again");

        DataStream<OutputRecord> expired = signals.filter(s -> s.type() == SignalType.EXPIRED)
                .uid("filter-expired")
                .name("expired subscriptions")
                .map(new Routing.ExpiredToSuppressed())
                .uid("expired-to-suppressed")
                .name("expired to suppressed");

        DataStream<CustomerInput> customerEvents = all.flatMap(new Routing.ToCustomerInputs())
                .returns(TypeInformation.of(CustomerInput.class))
                .uid("route-to-customers")
                .name("route to customers");
        DataStream<CustomerInput> releases = signals.filter(Routing::forDelivery)
                .uid("filter-releases")
                .name("released, sold out")
                .map(CustomerInput::signal)
                .uid("releases-to-customers")
                .name("releases to customers");
        DataStream<CustomerInput> soldOutCandidates = soldOutAgain.map(CustomerInput::soldOutAgain)
                .uid("sold-out-again-to-customers")
                .name("sold out again to customers");

        DataStream<CustomerInput> cartSteps = all.flatMap(new Routing.ToCartInputs())
                .returns(TypeInformation.of(CartInput.class))
                .uid("route-to-carts")
                .name("route to carts")
                .keyBy(CartInput::customerId)
                .transform("cart ladder per customer", TypeInformation.of(CustomerInput.class),
                        new SequencedProcessOperator<>(new CartLadderFunction(config, until)))
                .uid("cart-ladder");

        DataStream<ShopEvent> catalog = all.filter(e -> e.catalog() != null || e.stock() != null)
                .uid("filter-catalog")
                .name("catalog and store stock")
                .broadcast();
        SingleOutputStreamOperator<OutputRecord> delivered = customerEvents.union(releases, soldOutCandidates, cartSteps)
                .keyBy(CustomerInput::customerId)
                .connect(catalog)
                .transform("delivery policy per customer", TypeInformation.of(OutputRecord.class),
                        new SequencedBroadcastOperator<>(new DeliveryFunction(config, until, versionRetention()),
                                List.of(CatalogHistory.DESCRIPTOR, StoreStock.DESCRIPTOR)))
                .uid("delivery");

        List<DataStream<OutputRecord>> outputs = new ArrayList<>(deadLetters);
        outputs.add(expired);
        outputs.add(delivered);
        outputs.add(Conversions.detect(all, delivered.getSideOutput(DeliveryFunction.SENT), config));
        return union(outputs);
    }

    /**
     * How long the delivery keeps superseded catalog and stock versions: {@code broadcast.retention}
     * live; all of them when event time waits for the end of the input (a replay).
     */
    private long versionRetention() {
        return inputs.holdsEventTimeUntilTheEnd() ? DeliveryFunction.KEEP_ALL_VERSIONS : config.broadcastRetention.toMillis();
    }

    private static <T> DataStream<T> union(List<DataStream<T>> streams) {
        DataStream<T> first = streams.get(0);
        if (streams.size() == 1) {
            return first;
        }
        @SuppressWarnings("unchecked")
        DataStream<T>[] rest = streams.subList(1, streams.size()).toArray(new DataStream[0]);
        return first.union(rest);
    }
}
