package org.cybermarket.config;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Map;

/**
 * Data-quality thresholds.
 *
 * @param minDate          first date of data read: earlier rows are counted as out of scope (rows_before_min_date), not read
 * @param jumpLimits       board or market -> absolute daily return above which a WARNING row is written
 * @param defaultJumpLimit used where no board-specific limit applies
 * @param maxGapDays       a return spanning more trading days than this is flagged
 * @param staleDays        this many identical closes in a row are flagged
 * @param minPrice         prices below it are rejected (PRICE_OUT_OF_RANGE); default 1e-4
 * @param maxPrice         prices above it are rejected (PRICE_OUT_OF_RANGE); default 1e9
 */
public record QualitySettings(LocalDate minDate, Map<String, Double> jumpLimits, Double defaultJumpLimit,
                              Integer maxGapDays, Integer staleDays, Double minPrice, Double maxPrice) implements Serializable {
    public QualitySettings {
        minDate = minDate == null ? LocalDate.of(1900, 1, 1) : minDate;
        jumpLimits = jumpLimits == null ? Map.of() : Map.copyOf(jumpLimits);
        defaultJumpLimit = defaultJumpLimit == null ? 0.25 : defaultJumpLimit;
        maxGapDays = maxGapDays == null ? 5 : maxGapDays;
        staleDays = staleDays == null ? 5 : staleDays;
        minPrice = minPrice == null ? 1e-4 : minPrice;
        maxPrice = maxPrice == null ? 1e9 : maxPrice;
        if (!(minPrice > 0 && minPrice < maxPrice && Double.isFinite(maxPrice))) {
            throw new IllegalArgumentException("quality.min_price and max_price must satisfy 0 < min_price < max_price < infinity, got "
                    + minPrice + " and " + maxPrice);
        }
    }

    public static QualitySettings defaults() {
        return new QualitySettings(null, null, null, null, null, null, null);
    }
}
