package org.cybermarket.eventstudy;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.cybermarket.returns.Returns.require;
import static org.cybermarket.schema.Cols.keys;

/**
 * The table of requests the engine studies, from the catalogue: one row per (event, security) with the security's
 * role and its market's day 0. Market-wide events: every member of each market, role member (as
 * {@link EventStudy#marketWide}). Firm-level events: the securities they name, with their role, and the peers their
 * {@link Peers} rule adds (a named security keeps its named role). Day 0 is the event's day 0 on the security's
 * market (event_days). Requests without a day 0, named securities that are not in the security master, and a
 * market's own benchmark (an ETF member such as SPY) become exclusions with a reason: nothing is dropped silently.
 */
public final class Requests {
    /** es_exclusions reason: the market has no day 0 for the event (event_days.problem says why). */
    static final String NO_DAY0 = "NO_DAY0";
    /** es_exclusions reason: a security the catalogue names is not a member (kind other than index) of its market. */
    static final String UNKNOWN_SECURITY = "UNKNOWN_SECURITY";
    /**
     * es_exclusions reason: the security is its market's benchmark in the event study (an ETF such as SPY): against itself
     * its AR is zero up to rounding and its s_i is rounding noise, so its SAR is noise that would enter Patell and BMP.
     */
    static final String IS_BENCHMARK = "IS_BENCHMARK";

    /** The securities firm-level events name. */
    static final StructType NAMED = new StructType().add("event_id", DataTypes.StringType, false)
            .add("market", DataTypes.StringType, false).add("symbol", DataTypes.StringType, false)
            .add("role", DataTypes.StringType, false).add("peers", DataTypes.StringType, false);

    private Requests() {}

    /** event_id, market, symbol, role, peers: one row per security a firm-level event names (none for market-wide events). */
    public static Dataset<Row> named(SparkSession spark, List<Event> events) {
        List<Row> rows = new ArrayList<>();
        for (Event e : events) {
            for (Event.NamedSecurity s : e.securities()) rows.add(RowFactory.create(e.id(), s.market(), s.symbol(), s.role().label(), e.peers().label()));
        }
        return spark.createDataFrame(rows, NAMED);
    }

    /**
     * Every request of the catalogue for a security of the master, with day 0 where its market has one.
     *
     * @param named      event_id, market, symbol, role, peers ({@link #named})
     * @param eventDays  event_id, market, day0_index (null: no day 0), problem: every market each event is studied on
     * @param securities symbol, market, region, industry, kind
     * @return event_id, market, symbol, role, day0_index (nullable), problem (why there is no day 0)
     */
    public static Dataset<Row> all(Dataset<Row> named, Dataset<Row> eventDays, Dataset<Row> securities) {
        return all(named, eventDays, securities, null);
    }

    /**
     * As {@link #all(Dataset, Dataset, Dataset)}, with {@code is_benchmark} true on the requests for a market's
     * benchmark ({@code benchmarks}: market, benchmark_symbol; null: none), which become {@value #IS_BENCHMARK} exclusions.
     */
    public static Dataset<Row> all(Dataset<Row> named, Dataset<Row> eventDays, Dataset<Row> securities, Dataset<Row> benchmarks) {
        require(named, "event_id", "market", "symbol", "role", "peers");
        require(eventDays, "event_id", "market", "day0_index", "problem");
        require(securities, "symbol", "market", "region", "industry", "kind");
        Dataset<Row> members = members(securities);
        Dataset<Row> days = eventDays.select("event_id", "market", "day0_index", "problem");

        Dataset<Row> marketWide = days.join(named.select("event_id").distinct(), keys("event_id"), "left_anti")
                .join(members.select("market", "symbol"), keys("market"), "inner")
                .select(col("event_id"), col("market"), col("symbol"), lit(Role.MEMBER.label()).as("role"));
        Dataset<Row> namedKnown = named.join(members.select("market", "symbol"), keys("market", "symbol"), "left_semi")
                .select("event_id", "market", "symbol", "role");
        Dataset<Row> firmLevel = namedKnown;
        for (Peers rule : Peers.values()) {
            Dataset<Row> targets = named.filter(col("peers").equalTo(rule.label()).and(col("role").equalTo(Role.TARGET.label())))
                    .select("event_id", "market", "symbol");
            Dataset<Row> peers = rule.of(targets, members)
                    .join(named, keys("event_id", "market", "symbol"), "left_anti")
                    .distinct()
                    .select(col("event_id"), col("market"), col("symbol"), lit(Role.PEER.label()).as("role"));
            firmLevel = firmLevel.unionByName(peers);
        }
        Dataset<Row> all = marketWide.unionByName(firmLevel).join(days, keys("event_id", "market"), "left");
        Dataset<Row> isBenchmark = benchmarks == null ? all.withColumn("is_benchmark", lit(false))
                : all.join(benchmarks.select(col("market"), col("benchmark_symbol").as("symbol"), lit(true).as("is_benchmark")),
                        keys("market", "symbol"), "left").withColumn("is_benchmark", coalesce(col("is_benchmark"), lit(false)));
        return isBenchmark.select("event_id", "market", "symbol", "role", "day0_index", "problem", "is_benchmark");
    }

    /** The requests with a day 0, as the engine takes them: event_id, market, symbol, day0_index, role. */
    public static Dataset<Row> withDay0(Dataset<Row> requests) {
        require(requests, "event_id", "market", "symbol", "role", "day0_index", "is_benchmark");
        return requests.filter(col("day0_index").isNotNull().and(not(col("is_benchmark"))))
                .select("event_id", "market", "symbol", "day0_index", "role");
    }

    /**
     * es_exclusions rows for the requests without a day 0 ({@value #NO_DAY0}) and the named securities that are not
     * members of their market's security master ({@value #UNKNOWN_SECURITY}; region and industry null).
     */
    public static Dataset<Row> exclusions(Dataset<Row> requests, Dataset<Row> named, Dataset<Row> securities) {
        require(requests, "event_id", "market", "symbol", "role", "day0_index", "problem", "is_benchmark");
        require(named, "event_id", "market", "symbol", "role");
        require(securities, "symbol", "market", "region", "industry", "kind");
        Dataset<Row> members = members(securities);
        Dataset<Row> noDay0 = requests.filter(col("day0_index").isNull())
                .join(members, keys("market", "symbol"), "inner")
                .select(col("event_id"), col("market"), col("region"), col("industry"), col("symbol"), col("role"),
                        lit(NO_DAY0).as("reason_code"), col("problem").as("detail"), lit(0L).as("estimation_days"));
        Dataset<Row> unknown = named.join(members, keys("market", "symbol"), "left_anti")
                .select(col("event_id"), col("market"), lit(null).cast("string").as("region"), lit(null).cast("string").as("industry"),
                        col("symbol"), col("role"), lit(UNKNOWN_SECURITY).as("reason_code"),
                        lit("not a member of its market in the security master (indexes are benchmarks, not studied)").as("detail"),
                        lit(0L).as("estimation_days"));
        Dataset<Row> benchmark = requests.filter(col("day0_index").isNotNull().and(col("is_benchmark")))
                .join(members, keys("market", "symbol"), "inner")
                .select(col("event_id"), col("market"), col("region"), col("industry"), col("symbol"), col("role"),
                        lit(IS_BENCHMARK).as("reason_code"),
                        lit("the market's benchmark in the event study: against itself its abnormal return is zero by construction").as("detail"),
                        lit(0L).as("estimation_days"));
        return noDay0.unionByName(unknown).unionByName(benchmark);
    }

    /** The securities that can be studied: kind other than index. */
    private static Dataset<Row> members(Dataset<Row> securities) {
        return securities.filter(col("kind").notEqual("index")).select("market", "symbol", "region", "industry");
    }
}
