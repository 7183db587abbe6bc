package org.cybermarket.eventstudy;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cybermarket.calendar.Calendars;
import org.cybermarket.calendar.TradingCalendar;
import org.cybermarket.config.EventStudySettings;
import org.cybermarket.config.MarketSpec;
import org.cybermarket.config.PipelineConfig;
import org.cybermarket.pipeline.Job;
import org.cybermarket.pipeline.JobContext;
import org.cybermarket.store.OutputStore;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.*;
import static org.cybermarket.schema.Cols.keys;

/**
 * Event studies for every catalogued event: market-wide events on every market they name, firm-level events on their
 * securities' markets (targets and peers); events, event_days and the es_* datasets.
 */
public final class EventStudyJob implements Job {
    @Override
    public String name() { return "event_study"; }

    @Override
    public java.util.List<String> needs() { return java.util.List.of("ingest", "returns"); }

    @Override
    public void run(JobContext ctx) {
        long t0 = System.nanoTime();
        PipelineConfig cfg = ctx.config();
        if (cfg.events() == null) throw new IllegalArgumentException("config has no 'events' catalogue for the event study");
        SparkSession spark = ctx.spark();
        var store = ctx.store();
        List<Event> events = EventCatalogue.select(EventCatalogue.load(spark, cfg.events()), cfg.eventStudy().events(), "event_study.events");
        Map<String, TradingCalendar> calendars = Calendars.collect(store.readLatest("calendar"));
        Dataset<Row> warnings = store.readLatest("quality_warnings");
        List<String> leftOut = cfg.eventStudy().excludeFromEstimation();
        Dataset<Row> returns = leftOut.isEmpty() ? store.readLatest("returns") : EstimationFlags.markLeftOut(store.readLatest("returns"), warnings, leftOut);
        Dataset<Row> securities = store.readLatest("securities");
        Dataset<Row> factors = store.readLatest("factors");

        store.stage("events", eventsFrame(spark, events).coalesce(1));
        List<Row> dayRows = eventDayRows(events, cfg, calendars);
        Dataset<Row> eventDays = spark.createDataFrame(dayRows, EVENT_DAYS);
        store.stage("event_days", eventDays.coalesce(1));
        Dataset<Row> named = Requests.named(spark, events);
        Dataset<Row> requests = Requests.all(named, store.readStaged("event_days"), securities, benchmarks(spark, cfg));

        EventStudy.Result r = EventStudy.runRequests(spark, returns, securities, Requests.withDay0(requests), benchmarks(spark, cfg),
                factors, cfg.eventStudy());
        Map<String, Long> rows = stage(store, r, Requests.exclusions(requests, named, securities));
        // Which flagged days fall inside each study's windows, and whether the fit left them out (after the studies are staged: small).
        long flagged = store.stage("es_estimation_flags", EstimationFlags.flags(warnings, store.readStaged("event_days"),
                store.readStaged("es_security_windows"), leftOut).coalesce(1), "event_id");

        // Pooled across events and the second-stage regression, from the staged per-security windows (a few rows per event).
        Dataset<Row> members = CrossEvent.members(spark, events, cfg.eventStudy().pools());
        Dataset<Row> securityWindows = store.readStaged("es_security_windows");
        store.stage("es_pooled_events", CrossEvent.events(securityWindows, CrossEvent.clusters(members, store.readStaged("event_days"))).coalesce(1));
        store.stage("es_pooled_windows", CrossEvent.windows(store.readStaged("es_pooled_events")).coalesce(1));
        store.stage("es_regression", SecondStage.regressions(securityWindows, members).coalesce(1));
        ctx.log().stage(name(), new org.cybermarket.pipeline.RunLog.Counts().add("events", "read", events.size())
                .add("event-market pairs", "total", dayRows.size()).add("event-market pairs", "with a day 0", dayRows.stream().filter(d -> !d.isNullAt(3)).count())
                .add("es_exclusions", "securities excluded", rows.get("es_exclusions")).add("es_security_days", "rows", rows.get("es_security_days"))
                .add("es_group_windows", "rows", rows.get("es_group_windows"))
                .add("es_estimation_flags", "flagged days in windows", flagged), t0);
    }

    /** Stages the es_* datasets, partitioned by event, all at once (laid out for writing by the engine's plan), and returns their row counts. */
    public static Map<String, Long> stage(OutputStore store, EventStudy.Result r, Dataset<Row> moreExclusions) {
        return store.stageAll(List.of(
                new OutputStore.Staging("es_exclusions", r.exclusions().unionByName(moreExclusions), "event_id"),
                new OutputStore.Staging("es_security_days", r.securityDays(), "event_id"),
                new OutputStore.Staging("es_security_windows", r.securityWindows(), "event_id"),
                new OutputStore.Staging("es_group_days", r.groupDays(), "event_id"),
                new OutputStore.Staging("es_group_windows", r.groupWindows(), "event_id")));
    }

    static final StructType EVENT_DAYS = new StructType()
            .add("event_id", DataTypes.StringType, false).add("market", DataTypes.StringType, false)
            .add("day0_date", DataTypes.DateType).add("day0_index", DataTypes.IntegerType).add("day0_rule", DataTypes.StringType)
            .add("problem", DataTypes.StringType)
            .add("estimation_start_offset", DataTypes.IntegerType).add("estimation_end_offset", DataTypes.IntegerType)
            .add("event_start_offset", DataTypes.IntegerType).add("event_end_offset", DataTypes.IntegerType)
            .add("estimation_start_date", DataTypes.DateType).add("estimation_end_date", DataTypes.DateType)
            .add("event_start_date", DataTypes.DateType).add("event_end_date", DataTypes.DateType);

    /** Day 0 and the window dates per (event, market); a market without day 0 is listed with the problem. */
    static List<Row> eventDayRows(List<Event> events, PipelineConfig cfg, Map<String, TradingCalendar> calendars) {
        EventStudySettings s = cfg.eventStudy();
        List<Row> rows = new ArrayList<>();
        for (Event e : events) {
            for (String m : e.marketsStudied(cfg.markets().stream().map(MarketSpec::id).toList())) {
                MarketSpec spec = cfg.markets().stream().filter(x -> x.id().equals(m)).findFirst().orElse(null);
                TradingCalendar cal = calendars.get(m);
                if (spec == null || cal == null) {
                    String problem = spec == null ? "market " + m + " is not configured" : "no trading days of " + m + " in the data";
                    rows.add(RowFactory.create(e.id(), m, null, null, null, problem, s.estimation().get(0), s.estimation().get(1),
                            s.event().get(0), s.event().get(1), null, null, null, null));
                    continue;
                }
                DayZero.Result d = DayZero.of(e, spec, cal);
                Integer index = d.day0() == null ? null : cal.indexOf(d.day0()).orElseThrow();
                rows.add(RowFactory.create(e.id(), m, d.day0(), index, d.rule(), d.problem(),
                        s.estimation().get(0), s.estimation().get(1), s.event().get(0), s.event().get(1),
                        dateAt(cal, d.day0(), s.estimation().get(0)), dateAt(cal, d.day0(), s.estimation().get(1)),
                        dateAt(cal, d.day0(), s.event().get(0)), dateAt(cal, d.day0(), s.event().get(1))));
            }
        }
        return rows;
    }

    private static LocalDate dateAt(TradingCalendar cal, LocalDate day0, int offset) {
        return day0 == null ? null : cal.offset(day0, offset).orElse(null);
    }

    static final StructType EVENTS = new StructType().add("event_id", DataTypes.StringType).add("name", DataTypes.StringType)
            .add("event_instant", DataTypes.TimestampType).add("instant_precision", DataTypes.StringType)
            .add("instant_reasoning", DataTypes.StringType).add("description", DataTypes.StringType)
            .add("markets", DataTypes.createArrayType(DataTypes.StringType))
            .add("securities", DataTypes.createArrayType(new StructType().add("symbol", DataTypes.StringType)
                    .add("market", DataTypes.StringType).add("role", DataTypes.StringType)))
            .add("peers", DataTypes.StringType).add("tags", DataTypes.createArrayType(DataTypes.StringType))
            .add("sources", DataTypes.createArrayType(DataTypes.StringType));

    static Dataset<Row> eventsFrame(SparkSession spark, List<Event> events) {
        List<Row> rows = events.stream().map(e -> RowFactory.create(e.id(), e.name(), Timestamp.from(e.instant()), e.instantPrecision(),
                e.instantReasoning(), e.description(), (e.firmLevel() ? e.marketsStudied(List.of()) : e.markets()).toArray(String[]::new),
                e.securities().stream().map(s -> RowFactory.create(s.symbol(), s.market(), s.role().label())).toArray(Row[]::new),
                e.firmLevel() ? e.peers().label() : null, e.tags().toArray(String[]::new), e.sources().toArray(String[]::new))).toList();
        return spark.createDataFrame(rows, EVENTS);
    }

    /** market -> benchmark symbol: the event-study override, else the market's own benchmark. */
    static Dataset<Row> benchmarks(SparkSession spark, PipelineConfig cfg) {
        List<Row> rows = new ArrayList<>();
        for (MarketSpec m : cfg.markets()) {
            String b = cfg.eventStudy().benchmarks().getOrDefault(m.id(), m.benchmark());
            if (b != null) rows.add(RowFactory.create(m.id(), b));
        }
        return spark.createDataFrame(rows, new StructType().add("market", DataTypes.StringType).add("benchmark_symbol", DataTypes.StringType));
    }
}
