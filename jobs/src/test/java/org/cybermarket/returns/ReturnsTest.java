package org.cybermarket.returns;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cybermarket.calendar.Calendars;
import org.cybermarket.config.MarketSpec;
import org.cybermarket.config.QualitySettings;
import org.cybermarket.quality.PriceWarnings;
import org.cybermarket.testing.SparkTest;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static org.cybermarket.testing.Frames.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ReturnsTest {
    @Test
    void aReturnThatIsNotFiniteIsNeverPublishedAndIsReported() {
        // Ingest refuses such a price (PRICE_OUT_OF_RANGE); here it reaches the returns as it would with a wide configured range.
        MarketSpec m = new MarketSpec("XNYS", "US", "America/New_York", "16:00", "USD", "IDX", null);
        Dataset<Row> prices = frame(PRICES,
                price("XNYS", "IDX", "2024-07-18", 100, "index"), price("XNYS", "IDX", "2024-07-19", 101, "index"), price("XNYS", "IDX", "2024-07-22", 102, "index"),
                price("XNYS", "A", "2024-07-18", 4.9e-324, "stock"), price("XNYS", "A", "2024-07-19", 10, "stock"), price("XNYS", "A", "2024-07-22", 11, "stock"));
        Dataset<Row> returns = Returns.withDailyReturn(prices, Calendars.derive(SparkTest.spark(), prices, List.of(m)));
        assertEquals(List.of(
                        Arrays.asList(LocalDate.parse("2024-07-18"), null, null),
                        Arrays.asList(LocalDate.parse("2024-07-19"), null, null),
                        Arrays.asList(LocalDate.parse("2024-07-22"), 0.10000000000000009, Math.log(1.1))),
                rows(returns.where("symbol = 'A'"), "trade_date", "simple_return", "log_return"));
        Dataset<Row> warnings = PriceWarnings.of(returns, frame(SECURITIES, security("A", "XNYS", "US", "Cybersecurity", null)),
                QualitySettings.defaults());
        assertEquals(List.of(List.of("NON_FINITE_RETURN", "A", LocalDate.parse("2024-07-19"),
                        "the return from the price of 2024-07-18 is not a finite number: not published")),
                rows(warnings.where("check = 'NON_FINITE_RETURN'"), "check", "symbol", "trade_date", "message"));
    }
}
