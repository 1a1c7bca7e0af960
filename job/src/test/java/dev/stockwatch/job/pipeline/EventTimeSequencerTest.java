package dev.stockwatch.job.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockwatch.job.graph.StockwatchPipeline;
import dev.stockwatch.job.model.Sequenced;
import dev.stockwatch.udfs.event.OrderKey;
import dev.stockwatch.udfs.event.Topic;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The event-time core (SPEC §9): inputs and domain timers applied in event-time order whatever the
 * arrival order, ties by topic rank, input order and tie-break, inputs before timers of the same
 * instant, late inputs, the final watermark, and a snapshot taken while inputs wait, restored on
 * heap and on RocksDB.
 */
class EventTimeSequencerTest {
    /**
     * An input: {@code name} is what it writes; "schedule:<ms>:<ref>" schedules a timer instead,
     * "cancel:<ms>:<ref>" cancels one; "own:<ms>" and "cancel-own:<ms>" set and take away an own timer.
     */
    public record Stamped(OrderKey key, String name) implements Sequenced {
        @Override
        public String tieBreak() {
            return name;
        }
    }

    /** Writes "name@HH:mm:ss" for every input and "timer ref@HH:mm:ss" for every timer. */
    static class Recorder extends EventTimeOrderedFunction<Stamped, String> {
        private static final long serialVersionUID = 1L;

        Recorder(long until) {
            this(until, false);
        }

        Recorder(long until, boolean ownTimers) {
            super(TypeInformation.of(Stamped.class), until, null, ownTimers);
        }

        @Override
        protected void apply(Stamped input, long now, Collector<String> out) throws Exception {
            String[] parts = input.name().split(":");
            if (parts[0].equals("schedule")) {
                schedule(now + Long.parseLong(parts[1]), new DomainTimer(0, parts[2]));
            } else if (parts[0].equals("cancel")) {
                cancel(now + Long.parseLong(parts[1]), new DomainTimer(0, parts[2]));
            } else if (parts[0].equals("own")) {
                scheduleOwn(now + Long.parseLong(parts[1]));
            } else if (parts[0].equals("cancel-own")) {
                cancelOwn(now + Long.parseLong(parts[1]));
            } else {
                out.collect(input.name() + "@" + clock(now));
            }
        }

        @Override
        protected void fire(DomainTimer timer, long now, Collector<String> out) {
            out.collect((timer == DomainTimer.OWN ? "own timer" : "timer " + timer.ref()) + "@" + clock(now));
        }
    }

    private static final long MIN = 60_000L;
    private KeyedOneInputStreamOperatorTestHarness<String, Stamped, String> harness;
    private long seq;

    private static long t(String hhmm) {
        return Instant.parse("2026-11-20T" + hhmm + ":00Z").toEpochMilli();
    }

    private static String clock(long at) {
        return Instant.ofEpochMilli(at).toString().substring(11, 19);
    }

    private Stamped in(Topic topic, String hhmm, String name) {
        return new Stamped(OrderKey.ofInput(topic, t(hhmm), 0, ++seq), name);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Stamped, String> open(long until, boolean rocksDb,
            OperatorSubtaskState restoreFrom) throws Exception {
        return open(new Recorder(until), rocksDb, restoreFrom);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Stamped, String> open(Recorder recorder, boolean rocksDb,
            OperatorSubtaskState restoreFrom) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new SequencedProcessOperator<>(recorder), s -> "k", Types.STRING);
        if (rocksDb) {
            h.setStateBackend(new EmbeddedRocksDBStateBackend());
        }
        if (restoreFrom != null) {
            h.initializeState(restoreFrom);
        }
        h.open();
        return h;
    }

    private void send(Stamped... inputs) throws Exception {
        for (Stamped s : inputs) {
            harness.processElement(s, s.key().at());
        }
    }

    private List<String> output() {
        return harness.extractOutputValues();
    }

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void inputsAreAppliedInEventTimeOrderWhateverTheyArriveIn() throws Exception {
        harness = open(StockwatchPipeline.NO_END, false, null);
        send(in(Topic.CART, "12:40", "c"), in(Topic.CART, "12:10", "a"), in(Topic.CART, "12:30", "b"));
        harness.processWatermark(t("12:35"));
        assertThat(output()).containsExactly("a@12:10:00", "b@12:30:00");
        harness.processWatermark(t("13:00"));
        assertThat(output()).containsExactly("a@12:10:00", "b@12:30:00", "c@12:40:00");
    }

    @Test
    void atOneInstantTopicRankThenInputOrderThenTieBreak() throws Exception {
        harness = open(StockwatchPipeline.NO_END, false, null);
        Stamped cart = in(Topic.CART, "12:00", "cart");
        Stamped secondStock = in(Topic.STOCK, "12:00", "stock-2");
        Stamped firstStock = new Stamped(new OrderKey(t("12:00"), Topic.STOCK.rank(), 0L), "stock-1");
        Stamped customers = in(Topic.CUSTOMERS, "12:00", "customers");
        Stamped engagement = in(Topic.ENGAGEMENT, "12:00", "engagement");
        Stamped sameKeyLater = new Stamped(customers.key(), "customers-z");
        send(cart, secondStock, sameKeyLater, firstStock, engagement, customers);
        harness.processWatermark(t("12:00"));
        assertThat(output()).containsExactly("customers@12:00:00", "customers-z@12:00:00", "engagement@12:00:00",
                "stock-1@12:00:00", "stock-2@12:00:00", "cart@12:00:00");
    }

    @Test
    void aTimerDueBeforeAnInputFiresFirstAndAtTheSameInstantInputsComeFirst() throws Exception {
        harness = open(StockwatchPipeline.NO_END, false, null);
        send(in(Topic.CART, "12:40", "later"), in(Topic.CART, "12:30", "same-instant"),
                in(Topic.CART, "12:00", "schedule:" + 30 * MIN + ":step"));
        harness.processWatermark(t("13:00"));
        assertThat(output()).containsExactly("same-instant@12:30:00", "timer step@12:30:00", "later@12:40:00");
    }

    @Test
    void aTimerScheduledForTheInstantBeingAppliedFiresAfterItsInputs() throws Exception {
        harness = open(StockwatchPipeline.NO_END, false, null);
        send(in(Topic.CART, "12:00", "schedule:0:now"), in(Topic.CART, "12:00", "x"));
        harness.processWatermark(t("12:00"));
        assertThat(output()).containsExactly("x@12:00:00", "timer now@12:00:00");
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aTimerALateInputSchedulesForItsOwnInstantFiresBeforeTheNextLateInput() throws Exception {
        harness = open(StockwatchPipeline.NO_END, false, null);
        send(in(Topic.CART, "12:30", "on-time"));
        harness.processWatermark(t("13:00"));
        send(in(Topic.CART, "12:10", "y"), in(Topic.CART, "12:00", "schedule:0:now"));
        harness.processWatermark(t("13:01"));
        assertThat(output()).containsExactly("on-time@12:30:00", "timer now@12:00:00", "y@12:10:00");
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aLateInputIsAppliedWithTheNextWatermarkAfterWhatWasApplied() throws Exception {
        harness = open(StockwatchPipeline.NO_END, false, null);
        send(in(Topic.CART, "12:30", "on-time"));
        harness.processWatermark(t("13:00"));
        send(in(Topic.CART, "12:00", "late"));
        assertThat(output()).containsExactly("on-time@12:30:00");
        harness.processWatermark(t("13:01"));
        assertThat(output()).containsExactly("on-time@12:30:00", "late@12:00:00");
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void nothingDueAfterTheFinalWatermarkIsApplied() throws Exception {
        harness = open(t("12:30"), false, null);
        send(in(Topic.CART, "12:00", "schedule:" + 31 * MIN + ":too-late"), in(Topic.CART, "12:00", "schedule:" + 30 * MIN + ":in-time"),
                in(Topic.CART, "12:31", "after"), in(Topic.CART, "12:30", "at-end"));
        harness.processWatermark(Long.MAX_VALUE);
        assertThat(output()).containsExactly("at-end@12:30:00", "timer in-time@12:30:00");
    }

    @Test
    void aCancelledTimerLeavesNoFlinkTimerAndNoState() throws Exception {
        harness = open(StockwatchPipeline.NO_END, false, null);
        send(in(Topic.CART, "12:00", "schedule:" + 60 * MIN + ":a"));
        harness.processWatermark(t("12:00"));
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        send(in(Topic.CART, "12:10", "cancel:" + 50 * MIN + ":a"));
        harness.processWatermark(t("12:10"));
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isZero();
        harness.processWatermark(t("14:00"));
        assertThat(output()).isEmpty();
    }

    @ParameterizedTest(name = "RocksDB: {0}")
    @ValueSource(booleans = {false, true})
    void ownTimersFireOncePerInstantInEventTimeOrderAndLeaveNoState(boolean rocksDb) throws Exception {
        harness = open(new Recorder(StockwatchPipeline.NO_END, true), rocksDb, null);
        send(in(Topic.CART, "12:00", "own:" + 30 * MIN), in(Topic.CART, "12:10", "own:" + 20 * MIN),
                in(Topic.CART, "12:30", "same-instant"), in(Topic.CART, "12:40", "later"),
                in(Topic.CART, "12:50", "own:0"), in(Topic.CART, "12:50", "x"));
        harness.processWatermark(t("13:00"));
        assertThat(output()).as("set twice at 12:30, it fires once, after that instant's inputs; one set for the instant "
                + "being applied fires after its inputs")
                .containsExactly("same-instant@12:30:00", "own timer@12:30:00", "later@12:40:00", "x@12:50:00", "own timer@12:50:00");
        assertThat(harness.numEventTimeTimers()).isZero();
        if (!rocksDb) {
            assertThat(harness.numKeyedStateEntries()).as("no domain-timer map").isZero();
        }
        try (var timerEntries = harness.getOperator().getKeyedStateBackend().getKeys("domain-timers", VoidNamespace.INSTANCE)) {
            assertThat(timerEntries.count()).isZero();
        }
    }

    /** Writes, for each own timer, up to when it may apply what falls due later at once. */
    static final class HorizonRecorder extends Recorder {
        private static final long serialVersionUID = 1L;

        HorizonRecorder(long until) {
            super(until, true);
        }

        @Override
        protected void fire(DomainTimer timer, long now, Collector<String> out) {
            out.collect("own timer@" + clock(now) + " up to " + clock(ownTimersDueUpTo()));
        }
    }

    @ParameterizedTest(name = "RocksDB: {0}")
    @ValueSource(booleans = {false, true})
    void anOwnTimerMayApplyWhatFallsDueUpToTheWatermarkButNotPastAWaitingInputOfAnyKey(boolean rocksDb) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new SequencedProcessOperator<>(new HorizonRecorder(t("17:00"))),
                (Stamped s) -> s.name().startsWith("other") ? "o" : "k", Types.STRING);
        if (rocksDb) {
            h.setStateBackend(new EmbeddedRocksDBStateBackend());
        }
        h.open();
        harness = h;
        send(in(Topic.CART, "12:00", "own:" + 60 * MIN), in(Topic.CART, "14:00", "other"),
                in(Topic.CART, "14:30", "own:0"), in(Topic.CART, "14:30", "own:" + 90 * MIN));
        harness.processWatermark(t("15:00"));
        assertThat(output()).as("another key's input waits at 14:00; one set while inputs are applied fires at its instant alone")
                .containsExactly("own timer@13:00:00 up to 13:59:59", "other@14:00:00", "own timer@14:30:00 up to 14:30:00");
        harness.processWatermark(Long.MAX_VALUE);
        assertThat(output()).as("nothing waits: the watermark, but never past the final one (17:00)")
                .endsWith("own timer@16:00:00 up to 17:00:00");
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aCancelledOwnTimerDoesNotFireAndNothingDueAfterTheFinalWatermarkFires() throws Exception {
        harness = open(new Recorder(t("12:30"), true), false, null);
        send(in(Topic.CART, "12:00", "own:" + 10 * MIN), in(Topic.CART, "12:00", "own:" + 20 * MIN),
                in(Topic.CART, "12:05", "cancel-own:" + 5 * MIN), in(Topic.CART, "12:00", "own:" + 31 * MIN));
        harness.processWatermark(t("12:00"));
        assertThat(harness.numEventTimeTimers()).isEqualTo(3);
        harness.processWatermark(Long.MAX_VALUE);
        assertThat(output()).containsExactly("own timer@12:20:00");
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aFunctionKeepsEitherItsOwnTimersOrDomainTimers() throws Exception {
        harness = open(new Recorder(StockwatchPipeline.NO_END, true), false, null);
        send(in(Topic.CART, "12:00", "schedule:0:a"));
        assertThatThrownBy(() -> harness.processWatermark(t("12:00")))
                .isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest(name = "RocksDB: {0}")
    @ValueSource(booleans = {false, true})
    void aSnapshotWithBufferedInputsAndTimersRestoresToTheUninterruptedOutput(boolean rocksDb) throws Exception {
        harness = open(StockwatchPipeline.NO_END, rocksDb, null);
        send(in(Topic.CART, "12:00", "schedule:" + 45 * MIN + ":step"), in(Topic.CART, "12:40", "c"), in(Topic.CART, "12:10", "a"));
        harness.processWatermark(t("12:20"));
        assertThat(output()).containsExactly("a@12:10:00");
        OperatorSubtaskState snapshot = harness.snapshot(1L, t("12:20"));
        harness.close();

        harness = open(StockwatchPipeline.NO_END, rocksDb, snapshot);
        send(in(Topic.CART, "12:30", "b"));
        harness.processWatermark(t("13:00"));
        assertThat(output()).containsExactly("b@12:30:00", "c@12:40:00", "timer step@12:45:00");
        assertThat(harness.numEventTimeTimers()).isZero();
        if (!rocksDb) { // the harness counts keyed state entries on the heap backend only
            assertThat(harness.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void waitingInputsAreKeptOffTheKeyedBackendAndCounted() throws Exception {
        harness = open(StockwatchPipeline.NO_END, true, null);
        send(in(Topic.CART, "12:10", "a"), in(Topic.CART, "12:10", "b"), in(Topic.CART, "12:20", "c"));
        assertThat(recorder().bufferedInputs()).isEqualTo(3);
        assertThat(harness.numEventTimeTimers()).as("no timer per input: the watermark applies them").isZero();
        harness.processWatermark(t("12:10"));
        assertThat(recorder().bufferedInputs()).isEqualTo(1);
        harness.processWatermark(t("12:20"));
        assertThat(recorder().bufferedInputs()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aRestoreAtAnotherParallelismGivesEachSubtaskTheWaitingInputsOfItsKeys() throws Exception {
        int maxParallelism = 128;
        var single = keyedByName(maxParallelism, 1, 0, null);
        List<String> keys = List.of("anna", "ben", "carla", "dan", "eve", "fred");
        for (String key : keys) {
            Stamped s = in(Topic.CART, "12:10", key + "/x");
            single.processElement(s, s.key().at());
        }
        OperatorSubtaskState snapshot = single.snapshot(1L, t("12:00"));
        single.close();

        List<String> applied = new java.util.ArrayList<>();
        for (int subtask = 0; subtask < 2; subtask++) {
            final int index = subtask;
            var part = keyedByName(maxParallelism, 2, index, AbstractStreamOperatorTestHarness.repartitionOperatorState(
                    snapshot, maxParallelism, 1, 2, index));
            long mine = keys.stream()
                    .filter(k -> KeyGroupRangeAssignment.assignKeyToParallelOperator(k, maxParallelism, 2) == index)
                    .count();
            assertThat(mine).isBetween(1L, 5L); // both subtasks get some keys
            Recorder recorder = (Recorder) ((KeyedProcessOperator<?, ?, ?>) part.getOperator()).getUserFunction();
            assertThat(recorder.bufferedInputs()).isEqualTo((int) mine);
            part.processWatermark(t("12:10"));
            applied.addAll(part.extractOutputValues());
            assertThat(recorder.bufferedInputs()).isZero();
            assertThat(part.numEventTimeTimers()).isZero();
            part.close();
        }
        assertThat(applied).containsExactlyInAnyOrderElementsOf(keys.stream().map(k -> k + "/x@12:10:00").toList());
    }

    /** What an earlier version wrote: the waiting inputs in a keyed map state, a Flink timer per instant. */
    static final class EarlierFormat extends KeyedProcessFunction<String, Stamped, String> {
        private static final long serialVersionUID = 1L;
        private transient MapState<Long, List<Stamped>> pending;

        @Override
        public void open(OpenContext openContext) {
            pending = getRuntimeContext().getMapState(
                    new MapStateDescriptor<>("pending-inputs", Types.LONG, Types.LIST(TypeInformation.of(Stamped.class))));
        }

        @Override
        public void processElement(Stamped input, Context ctx, Collector<String> out) throws Exception {
            List<Stamped> atThatTime = pending.contains(input.key().at()) ? pending.get(input.key().at()) : new java.util.ArrayList<>();
            atThatTime.add(input);
            pending.put(input.key().at(), atThatTime);
            ctx.timerService().registerEventTimeTimer(input.key().at());
        }
    }

    @ParameterizedTest(name = "RocksDB: {0}")
    @ValueSource(booleans = {false, true})
    void aSavepointOfTheEarlierFormatStillAppliesTheInputsItHeld(boolean rocksDb) throws Exception {
        var earlier = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new EarlierFormat()), s -> "k", Types.STRING);
        if (rocksDb) {
            earlier.setStateBackend(new EmbeddedRocksDBStateBackend());
        }
        earlier.open();
        for (Stamped s : List.of(in(Topic.CART, "12:40", "c"), in(Topic.CART, "12:10", "a"), in(Topic.STOCK, "12:10", "a-stock"))) {
            earlier.processElement(s, s.key().at());
        }
        OperatorSubtaskState snapshot = earlier.snapshot(1L, t("12:00"));
        earlier.close();

        harness = open(StockwatchPipeline.NO_END, rocksDb, snapshot);
        send(in(Topic.CART, "12:10", "b"), in(Topic.CART, "12:00", "schedule:" + 40 * MIN + ":step"));
        harness.processWatermark(t("12:10"));
        assertThat(output()).containsExactly("a-stock@12:10:00", "a@12:10:00", "b@12:10:00");
        // a checkpoint of the upgraded job while the earlier map still holds c: a restore from it reads the map too
        OperatorSubtaskState upgraded = harness.snapshot(2L, t("12:10"));
        harness.close();

        harness = open(StockwatchPipeline.NO_END, rocksDb, upgraded);
        harness.processWatermark(t("13:00"));
        assertThat(output()).containsExactly("c@12:40:00", "timer step@12:40:00");
        assertThat(harness.numEventTimeTimers()).isZero();
        if (!rocksDb) {
            assertThat(harness.numKeyedStateEntries()).isZero();
        }
    }

    private Recorder recorder() {
        return (Recorder) ((KeyedProcessOperator<?, ?, ?>) harness.getOperator()).getUserFunction();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Stamped, String> keyedByName(int maxParallelism, int parallelism,
            int subtask, OperatorSubtaskState restoreFrom) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new SequencedProcessOperator<>(new Recorder(StockwatchPipeline.NO_END)),
                s -> s.name().split("/")[0], Types.STRING, maxParallelism, parallelism, subtask);
        h.setStateBackend(new EmbeddedRocksDBStateBackend());
        if (restoreFrom != null) {
            h.initializeState(restoreFrom);
        }
        h.open();
        return h;
    }
}
