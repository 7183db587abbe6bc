package org.cybermarket.ingest;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cybermarket.config.FactorInput;
import org.cybermarket.config.Layout;
import org.cybermarket.config.MarketSpec;
import org.cybermarket.config.MasterInput;
import org.cybermarket.config.PipelineConfig;
import org.cybermarket.config.PriceInput;
import org.cybermarket.input.DelimitedFileParser;
import org.cybermarket.input.InputPaths;
import org.cybermarket.input.ParsedLine;
import org.cybermarket.input.LineReader;
import org.cybermarket.input.TargetSchema;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.*;

/**
 * Turns every configured input into canonical, validated datasets. Nothing is dropped: each data row ends
 * up kept, rejected (with a reason) or counted as an exact duplicate, and the reconciliation proves it per file.
 */
public final class Ingest {
    private Ingest() {}

    /** The ingested inputs. */
    public record Result(Dataset<Row> markets, Dataset<Row> securities, Dataset<Row> prices, Dataset<Row> factors,
                         Dataset<Row> rejects, Dataset<Row> reconciliation) {}

    public static final List<String> PRICE_VALUES = List.of("open_price", "high_price", "low_price", "close_price",
            "adj_close_price", "volume", "turnover");

    /**
     * @param asOf  the last date of data read: later rows are counted as out of scope, not read
     * @param today the run's date: rows dated after it are impossible (DATE_OUT_OF_RANGE)
     */
    public static Result run(SparkSession spark, PipelineConfig cfg, LocalDate asOf, LocalDate today) {
        Dataset<Row> markets = markets(spark, cfg.markets());
        List<Dataset<Row>> rejects = new ArrayList<>();
        List<Dataset<Row>> recon = new ArrayList<>();
        Column dateScope = RowStatus.dateScope(cfg.quality().minDate(), asOf, today);
        RowStatus.Check future = new RowStatus.Check(col("trade_date").gt(lit(today)), "DATE_OUT_OF_RANGE",
                concat(lit("trade_date "), col("trade_date").cast("string"), lit(" is after today (" + today + "): a date in the future")));

        // Security master.
        Dataset<Row> masterLines = null;
        for (int i = 0; i < cfg.securities().size(); i++) {
            MasterInput m = cfg.securities().get(i);
            Layout layout = new Layout(m.columns(), null, null, null, null, null, null, null);
            Dataset<Row> lines = withSource(LineReader.read(spark, InputPaths.resolve(cfg.dataDir(), m.path()), layout, TargetSchema.SECURITIES), i, lit(null))
                    .withColumn("market", mapMarket(col("market"), m.marketAliases(), m.defaultMarket()));
            masterLines = masterLines == null ? lines : masterLines.unionByName(lines);
        }
        if (masterLines == null) throw new IllegalArgumentException("config needs at least one entry under 'securities'");
        masterLines = masterLines.join(markets.select(col("market").as("_m"), col("region")), col("market").equalTo(col("_m")), "left");
        masterLines = RowStatus.withChecks(masterLines, List.of(
                new RowStatus.Check(col("market").isNull(), "UNKNOWN_MARKET", lit("no market column or default_market for this security master")),
                new RowStatus.Check(col("region").isNull(), "UNKNOWN_MARKET",
                        concat(lit("market '"), col("market"), lit("' is not configured under 'markets'")))));
        // Parsed and classified once, used by securities, rejects and the reconciliation.
        Dataset<Row> masterData = RowStatus.withRowStatus(masterLines, List.of("symbol"),
                List.of("name", "industry", "market", "kind", "board", "shares_outstanding"), lit(null).cast("string")).cache();
        rejects.add(RowStatus.rejects(masterData, "securities"));
        recon.add(RowStatus.reconciliation(masterData, "securities"));
        Dataset<Row> securities = masterData.filter(col("row_status").equalTo(RowStatus.KEPT))
                .select(col("symbol"), col("market"), col("region"), col("name"), col("industry"),
                        coalesce(lower(col("kind")), lit("stock")).as("kind"), col("board"), col("shares_outstanding"));

        // Prices.
        Dataset<Row> priceLines = null;
        for (int i = 0; i < cfg.prices().size(); i++) {
            PriceInput p = cfg.prices().get(i);
            String path = InputPaths.resolve(cfg.dataDir(), p.path());
            Dataset<Row> lines = "parquet".equals(p.layout()) ? parquetAsLines(spark, path)
                    : LineReader.read(spark, path, cfg.layouts().get(p.layout()), TargetSchema.PRICES);
            lines = withSource(lines, i, priority(p)).withColumn("input_market", lit(p.market())).withColumn("input_kind", lit(p.kind()));
            priceLines = priceLines == null ? lines : priceLines.unionByName(lines);
        }
        if (priceLines == null) throw new IllegalArgumentException("config needs at least one entry under 'prices'");
        Dataset<Row> master = securities.select(col("symbol").as("_sym"), col("market").as("_master_market"), col("kind").as("_master_kind"));
        priceLines = priceLines.join(broadcast(master), col("symbol").equalTo(col("_sym")), "left")
                .withColumn("market", coalesce(col("input_market"), col("_master_market")))
                // An input declared as an index stays one; otherwise the master's kind (stock, etf) wins.
                .withColumn("kind", when(col("input_kind").equalTo("index"), lit("index")).otherwise(coalesce(col("_master_kind"), col("input_kind"))))
                .join(broadcast(markets.select(col("market").as("_mk"), col("currency"))), col("market").equalTo(col("_mk")), "left");
        List<RowStatus.Check> priceChecks = new ArrayList<>(List.of(
                new RowStatus.Check(col("_sym").isNull().and(col("input_kind").notEqual("index")), "UNKNOWN_SYMBOL",
                        concat(lit("symbol '"), col("symbol"), lit("' is not in the security master"))),
                new RowStatus.Check(col("market").isNull(), "UNKNOWN_MARKET",
                        lit("no market: give the input a 'market' or list the symbol in the security master")),
                new RowStatus.Check(col("currency").isNull(), "UNKNOWN_MARKET",
                        concat(lit("market '"), col("market"), lit("' is not configured"))),
                future));
        // A positive but absurd price (4.9e-324, 1e300) would make an infinite or meaningless return.
        double lo = cfg.quality().minPrice();
        double hi = cfg.quality().maxPrice();
        for (String p : List.of("open_price", "high_price", "low_price", "close_price", "adj_close_price")) {
            priceChecks.add(new RowStatus.Check(col(p).lt(lo).or(col(p).gt(hi)), "PRICE_OUT_OF_RANGE",
                    concat(lit(p + " "), col(p).cast("string"), lit(" outside [" + lo + ", " + hi + "] (quality.min_price, quality.max_price)"))));
        }
        priceLines = RowStatus.withChecks(priceLines, priceChecks);
        // Parsed and classified once, used by prices, rejects and the reconciliation.
        Dataset<Row> priceData = RowStatus.withRowStatus(priceLines, List.of("market", "symbol", "trade_date"), PRICE_VALUES, dateScope).cache();
        rejects.add(RowStatus.rejects(priceData, "prices"));
        recon.add(RowStatus.reconciliation(priceData, "prices"));
        Dataset<Row> prices = priceData.filter(col("row_status").equalTo(RowStatus.KEPT))
                .select(col("market"), col("symbol"), col("trade_date"), col("open_price"), col("high_price"), col("low_price"),
                        col("close_price"), col("adj_close_price"), col("volume"), col("turnover"), col("currency"),
                        col("kind"), col("source_file"), col("line_number"));

        // Factors: the same date scope as prices, so that an as-of run reads no factor from after its date.
        Dataset<Row> factors = spark.createDataFrame(List.of(), factorSchema());
        for (int i = 0; i < cfg.factors().size(); i++) {
            FactorInput f = cfg.factors().get(i);
            Dataset<Row> lines = withSource(LineReader.read(spark, InputPaths.resolve(cfg.dataDir(), f.path()), cfg.layouts().get(f.layout()),
                    TargetSchema.FACTORS), i, lit(null)).withColumn("region", lit(f.region()));
            lines = RowStatus.withChecks(lines, List.of(future));
            Dataset<Row> data = RowStatus.withRowStatus(lines, List.of("region", "trade_date"),
                    List.of("mkt_rf", "smb", "hml", "rf", "mom"), dateScope).cache();
            rejects.add(RowStatus.rejects(data, "factors"));
            recon.add(RowStatus.reconciliation(data, "factors"));
            factors = factors.unionByName(data.filter(col("row_status").equalTo(RowStatus.KEPT))
                    .select(col("region"), col("trade_date"), col("mkt_rf"), col("smb"), col("hml"), col("rf"), col("mom")));
        }
        return new Result(markets, securities, prices, factors, unionAll(rejects), unionAll(recon));
    }

    /** Tags lines with the configured input they came from and its priority (a column: it may depend on the symbol). */
    private static Dataset<Row> withSource(Dataset<Row> lines, int input, Column priority) {
        return lines.withColumn(RowStatus.SOURCE_INPUT, lit(input)).withColumn(RowStatus.SOURCE_PRIORITY, priority.cast("int"));
    }

    /** A price input's priority for each row: the per-symbol value where one is given, else the input's. */
    private static Column priority(PriceInput p) {
        Column c = p.priority() == null ? lit(null).cast("int") : lit(p.priority());
        for (Map.Entry<String, Integer> e : p.priorityBySymbol().entrySet()) {
            c = when(col("symbol").equalTo(e.getKey()), lit(e.getValue())).otherwise(c);
        }
        return c;
    }

    private static Column mapMarket(Column market, Map<String, String> aliases, String defaultMarket) {
        Column c = upper(trim(market));
        Column mapped = c;
        for (Map.Entry<String, String> e : aliases.entrySet()) {
            mapped = when(c.equalTo(e.getKey().toUpperCase()), lit(e.getValue())).otherwise(mapped);
        }
        return defaultMarket == null ? mapped : coalesce(mapped, lit(defaultMarket));
    }

    /** The configured markets as a small frame: market, region, zone, close_time, currency, benchmark. */
    public static Dataset<Row> markets(SparkSession spark, List<MarketSpec> specs) {
        StructType schema = new StructType().add("market", DataTypes.StringType, false).add("region", DataTypes.StringType, false)
                .add("zone", DataTypes.StringType, false).add("close_time", DataTypes.StringType, false)
                .add("currency", DataTypes.StringType, false).add("benchmark", DataTypes.StringType, true);
        List<Row> rows = specs.stream().map(m -> RowFactory.create(m.id(), m.region(), m.zone(), m.close(), m.currency(), m.benchmark())).toList();
        return spark.createDataFrame(rows, schema);
    }

    /**
     * Canonical Parquet is read with the canonical schema; each row counts as a data line of its file and passes
     * the same row rules as a CSV row (a rejected row's raw text is its values).
     */
    static Dataset<Row> parquetAsLines(SparkSession spark, String path) {
        StructType lineSchema = LineReader.schema(TargetSchema.PRICES);
        StructType canonical = new StructType();
        for (var f : lineSchema.fields()) {
            if (TargetSchema.PRICES.fields().containsKey(f.name())) canonical = canonical.add(f);
        }
        List<String> fields = TargetSchema.PRICES.fieldNames();
        Dataset<Row> df = spark.read().schema(canonical).parquet(path)
                .select(input_file_name().as("source_file"), col("*"));
        int width = fields.size();
        // Row rules are plain Java shared with the CSV parser, so they run as a map, once per input row.
        JavaRDD<Row> checked = df.javaRDD().map(r -> {
            Object[] values = new Object[width];
            for (int i = 0; i < width; i++) values[i] = r.get(i + 1);
            String raw = java.util.Arrays.toString(values);
            ParsedLine line = DelimitedFileParser.validate(TargetSchema.PRICES, 0, raw, values);
            Row out = LineReader.toRow(LineReader.displayName(r.getString(0)), line, width);
            Object[] cells = new Object[out.size()];
            for (int i = 0; i < cells.length; i++) cells[i] = out.get(i);
            cells[1] = null; // Parquet has no line numbers
            if (line.reason() == null) cells[3] = null;
            return RowFactory.create(cells);
        });
        return spark.createDataFrame(checked, lineSchema);
    }

    /** The canonical factors frame: region, trade_date, mkt_rf, smb, hml, rf, mom (fractions). */
    public static StructType factorSchema() {
        return new StructType().add("region", DataTypes.StringType).add("trade_date", DataTypes.DateType)
                .add("mkt_rf", DataTypes.DoubleType).add("smb", DataTypes.DoubleType).add("hml", DataTypes.DoubleType)
                .add("rf", DataTypes.DoubleType).add("mom", DataTypes.DoubleType);
    }

    private static Dataset<Row> unionAll(List<Dataset<Row>> parts) {
        Dataset<Row> all = parts.get(0);
        for (int i = 1; i < parts.size(); i++) all = all.unionByName(parts.get(i));
        return all;
    }
}
