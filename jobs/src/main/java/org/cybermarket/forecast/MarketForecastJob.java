package org.cybermarket.forecast;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cybermarket.config.ForecastSettings;
import org.cybermarket.input.InputPaths;
import org.cybermarket.pipeline.Job;
import org.cybermarket.pipeline.JobContext;
import org.cybermarket.store.OutputStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.*;

/**
 * Growth analytics from the research catalogue: research_figures, market_forecast (one row per market, vintage
 * and year), forecast_comparison, forecast_revisions, and realized_vs_projected (the industry's equal-weighted
 * share-price index growth over the same years, where sector_returns exist).
 */
public final class MarketForecastJob implements Job {
    @Override
    public String name() { return "forecast"; }

    @Override
    public java.util.List<String> needs() { return java.util.List.of("sectors"); }

    @Override
    public void run(JobContext ctx) {
        long t0 = System.nanoTime();
        String path = ctx.config().research();
        if (path == null) throw new IllegalArgumentException("config has no 'research' figures for the forecast job");
        SparkSession spark = ctx.spark();
        List<ResearchFigure> figures = ResearchCatalogue.parse(path, InputPaths.readAll(spark, path));
        ForecastSettings fs = ctx.config().forecast();
        List<MarketForecast.Series> series = MarketForecast.series(figures);
        List<MarketForecast.YearRow> years = MarketForecast.years(series, fs.scenarioPoints());
        var store = ctx.store();
        // Without sector returns (the forecast job run alone on a fresh output root) the realized side stays empty.
        Map<String, TreeMap<Integer, Double>> yearEnds = store.exists("sector_returns")
                ? yearEndIndex(store.readLatest("sector_returns"), fs.industry()) : Map.of();
        long rows = store.stageAll(List.of(
                new OutputStore.Staging("research_figures", spark.createDataFrame(figures.stream().map(f -> RowFactory.create(f.id(), f.source(),
                        f.vintage(), f.market(), f.metric(), f.currency(), f.unit(), f.kind(), f.year(), f.startYear(), f.endYear(), f.value(),
                        f.cagr(), f.growth(), f.note())).toList(), FIGURES).coalesce(1)),
                new OutputStore.Staging("market_forecast", spark.createDataFrame(years.stream().map(y -> RowFactory.create(y.seriesId(),
                        y.vintage(), y.source(), y.market(), y.metric(), y.currency(), y.year(), y.valueBn(), y.indexValue(), y.growth(),
                        y.cagr(), y.cagrStartYear(), y.cagrEndYear(), y.basis(), y.status(), y.scenarioLowBn(), y.scenarioHighBn(),
                        y.doublingYears(), y.statedMinusImpliedCagr())).toList(), YEARS).coalesce(1)),
                new OutputStore.Staging("forecast_comparison", spark.createDataFrame(MarketForecast.comparisons(series, fs.comparisons()).stream()
                        .map(c -> RowFactory.create(c.vintage(), c.marketA(), c.marketB(), c.startYear(), c.endYear(), c.year(), c.cagrA(),
                                c.cagrB(), c.differential(), c.relativeSizeIndex(), c.valueABn(), c.valueBBn(), c.shareAOfB())).toList(),
                        COMPARISON).coalesce(1)),
                new OutputStore.Staging("forecast_revisions", spark.createDataFrame(MarketForecast.revisions(years).stream()
                        .map(r -> RowFactory.create(r.market(), r.currency(), r.year(), r.earlierVintage(), r.laterVintage(), r.earlierValueBn(),
                                r.laterValueBn(), r.earlierBasis(), r.laterBasis(), r.revision())).toList(), REVISIONS).coalesce(1)),
                new OutputStore.Staging("realized_vs_projected", spark.createDataFrame(realized(series, yearEnds, fs), REALIZED).coalesce(1))))
                .get("market_forecast");
        ctx.log().stage(name(), new org.cybermarket.pipeline.RunLog.Counts().add("research figures", "read", figures.size())
                .add("market_forecast", "rows", rows), t0);
    }

    /** region -> year -> EW index level (start of data = 1) on the year's last trading day, for full years only. */
    static Map<String, TreeMap<Integer, Double>> yearEndIndex(Dataset<Row> sectors, String industry) {
        var byDay = Window.partitionBy("region").orderBy("trade_date").rowsBetween(Window.unboundedPreceding(), Window.currentRow());
        Dataset<Row> ends = sectors.filter(col("industry").equalTo(industry))
                .withColumn("index_level", exp(sum(log1p(col("ew_return"))).over(byDay)))
                .groupBy(col("region"), year(col("trade_date")).as("year"))
                .agg(max("trade_date").as("last_date"), max_by(col("index_level"), col("trade_date")).as("index_level"))
                // The year's last session must fall in its last fortnight (a data set ending in July has no year-end).
                .filter(dayofyear(col("last_date")).geq(350));
        Map<String, TreeMap<Integer, Double>> out = new HashMap<>();
        for (Row r : ends.collectAsList()) { // one row per region and year
            out.computeIfAbsent(r.getString(0), k -> new TreeMap<>()).put(r.getInt(1), r.getDouble(3));
        }
        return out;
    }

    static List<Row> realized(List<MarketForecast.Series> series, Map<String, TreeMap<Integer, Double>> yearEnds, ForecastSettings fs) {
        List<Row> out = new ArrayList<>();
        for (MarketForecast.Series s : series) {
            String region = fs.regions().get(s.first.market());
            TreeMap<Integer, Double> idx = region == null ? null : yearEnds.get(region);
            for (MarketForecast.Period p : s.periods) {
                Integer from = null, to = null;
                Double realized = null;
                if (idx != null && !idx.isEmpty()) {
                    from = Math.max(p.start(), idx.firstKey());
                    to = Math.min(p.end(), idx.lastKey());
                    if (to > from && idx.containsKey(from) && idx.containsKey(to)) {
                        realized = Growth.cagr(idx.get(from), from, idx.get(to), to);
                    } else {
                        from = null;
                        to = null;
                    }
                }
                out.add(RowFactory.create(s.id, s.first.vintage(), s.first.market(), region, fs.industry(), p.start(), p.end(), p.rate(),
                        p.basis(), from, to, realized, realized == null ? null : realized - p.rate()));
            }
        }
        return out;
    }

    static final StructType FIGURES = new StructType().add("figure_id", DataTypes.StringType).add("source", DataTypes.StringType)
            .add("vintage", DataTypes.DateType).add("market", DataTypes.StringType).add("metric", DataTypes.StringType)
            .add("currency", DataTypes.StringType).add("unit", DataTypes.StringType).add("kind", DataTypes.StringType)
            .add("year", DataTypes.IntegerType).add("start_year", DataTypes.IntegerType).add("end_year", DataTypes.IntegerType)
            .add("value", DataTypes.DoubleType).add("cagr", DataTypes.DoubleType).add("growth", DataTypes.DoubleType)
            .add("note", DataTypes.StringType);
    static final StructType YEARS = new StructType().add("series_id", DataTypes.StringType).add("vintage", DataTypes.DateType)
            .add("source", DataTypes.StringType).add("market", DataTypes.StringType).add("metric", DataTypes.StringType)
            .add("currency", DataTypes.StringType).add("year", DataTypes.IntegerType).add("value_bn", DataTypes.DoubleType)
            .add("index_value", DataTypes.DoubleType).add("growth", DataTypes.DoubleType).add("cagr", DataTypes.DoubleType)
            .add("cagr_start_year", DataTypes.IntegerType).add("cagr_end_year", DataTypes.IntegerType)
            .add("basis", DataTypes.StringType).add("status", DataTypes.StringType).add("scenario_low_bn", DataTypes.DoubleType)
            .add("scenario_high_bn", DataTypes.DoubleType).add("doubling_years", DataTypes.DoubleType)
            .add("stated_minus_implied_cagr", DataTypes.DoubleType);
    static final StructType COMPARISON = new StructType().add("vintage", DataTypes.DateType).add("market_a", DataTypes.StringType)
            .add("market_b", DataTypes.StringType).add("start_year", DataTypes.IntegerType).add("end_year", DataTypes.IntegerType)
            .add("year", DataTypes.IntegerType).add("cagr_a", DataTypes.DoubleType).add("cagr_b", DataTypes.DoubleType)
            .add("cagr_differential", DataTypes.DoubleType).add("relative_size_index", DataTypes.DoubleType)
            .add("value_a_bn", DataTypes.DoubleType).add("value_b_bn", DataTypes.DoubleType).add("share_a_of_b", DataTypes.DoubleType);
    static final StructType REVISIONS = new StructType().add("market", DataTypes.StringType).add("currency", DataTypes.StringType)
            .add("year", DataTypes.IntegerType).add("earlier_vintage", DataTypes.DateType).add("later_vintage", DataTypes.DateType)
            .add("earlier_value_bn", DataTypes.DoubleType).add("later_value_bn", DataTypes.DoubleType)
            .add("earlier_basis", DataTypes.StringType).add("later_basis", DataTypes.StringType).add("revision", DataTypes.DoubleType);
    static final StructType REALIZED = new StructType().add("series_id", DataTypes.StringType).add("vintage", DataTypes.DateType)
            .add("market", DataTypes.StringType).add("region", DataTypes.StringType).add("industry", DataTypes.StringType)
            .add("projected_start_year", DataTypes.IntegerType).add("projected_end_year", DataTypes.IntegerType)
            .add("projected_cagr", DataTypes.DoubleType).add("projected_basis", DataTypes.StringType)
            .add("realized_start_year", DataTypes.IntegerType).add("realized_end_year", DataTypes.IntegerType)
            .add("realized_cagr", DataTypes.DoubleType).add("realized_minus_projected", DataTypes.DoubleType);
}
