package org.cybermarket.returns;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

import java.util.Arrays;

import static org.cybermarket.schema.Cols.keys;
import java.util.List;

import static org.apache.spark.sql.functions.*;

/**
 * Daily returns per security, per the methodology: {@code R_t = P_t / P_prev - 1} where prev is the security's
 * previous trading day with a price; a return spanning missing days carries {@code gap_days > 1}; the first
 * day has no return. Prices are the adjusted close where the source gives one, else the close. A return that would not
 * be a finite number is left null (reported by {@link org.cybermarket.quality.PriceWarnings} as NON_FINITE_RETURN).
 */
public final class Returns {
    private Returns() {}

    /**
     * @param prices   canonical prices
     * @param calendar market, trade_date, day_index
     * @return market, symbol, kind, trade_date, day_index, on_calendar, price, price_basis, prev_trade_date,
     *         gap_days, simple_return, log_return
     */
    public static Dataset<Row> withDailyReturn(Dataset<Row> prices, Dataset<Row> calendar) {
        require(prices, "market", "symbol", "trade_date", "close_price", "adj_close_price", "kind");
        require(calendar, "market", "trade_date", "day_index");
        Column onCalendar = col("day_index").isNotNull();
        Dataset<Row> priced = prices.join(calendar.select("market", "trade_date", "day_index"), keys("market", "trade_date"), "left")
                .withColumn("price", coalesce(col("adj_close_price"), col("close_price")))
                .withColumn("price_basis", when(col("adj_close_price").isNotNull(), lit("adj_close")).otherwise(lit("close")))
                .withColumn("on_calendar", onCalendar);
        // Returns are taken between consecutive prices on the market's trading days only.
        WindowSpec onDays = Window.partitionBy("market", "symbol", "on_calendar").orderBy("trade_date");
        Dataset<Row> out = priced
                .withColumn("prev_price", when(onCalendar, lag("price", 1).over(onDays)))
                .withColumn("prev_trade_date", when(onCalendar, lag("trade_date", 1).over(onDays)))
                .withColumn("gap_days", when(onCalendar, col("day_index").minus(lag("day_index", 1).over(onDays))).cast("int"))
                .withColumn("_ratio", col("price").divide(col("prev_price")))
                // A ratio that is not a finite positive number (prices beyond the configured range) is never published:
                // the return stays null and quality_warnings reports NON_FINITE_RETURN.
                .withColumn("_ratio", when(not(isnan(col("_ratio"))).and(col("_ratio").gt(0)).and(col("_ratio").lt(Double.POSITIVE_INFINITY)),
                        col("_ratio")))
                .withColumn("simple_return", col("_ratio").minus(1))
                .withColumn("log_return", log(col("_ratio")));
        return out.select("market", "symbol", "kind", "trade_date", "day_index", "on_calendar", "price", "price_basis",
                "prev_trade_date", "gap_days", "simple_return", "log_return");
    }

    /** Compounded return over [from, to] per security: prod(1 + R) - 1 over the returns dated inside the range. */
    public static Dataset<Row> windowReturns(Dataset<Row> returns, java.time.LocalDate from, java.time.LocalDate to) {
        return returns.filter(col("trade_date").between(lit(from), lit(to)).and(col("simple_return").isNotNull()))
                .groupBy("market", "symbol")
                .agg(exp(sum(log1p(col("simple_return")))).minus(1).as("window_return"), count(lit(1)).as("return_days"),
                        min("trade_date").as("first_return_date"), max("trade_date").as("last_return_date"));
    }

    public static void require(Dataset<Row> df, String... columns) {
        List<String> have = Arrays.asList(df.columns());
        for (String c : columns) {
            if (!have.contains(c)) throw new IllegalArgumentException("input lacks column '" + c + "' (has " + have + ")");
        }
    }
}
