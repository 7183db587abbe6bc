package org.cybermarket.config;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Map;

/**
 * Data-quality thresholds.
 *
 * @param minDate          rows before it are rejected (DATE_OUT_OF_RANGE)
 * @param jumpLimits       board or market -> absolute daily return above which a WARNING row is written
 * @param defaultJumpLimit used where no board-specific limit applies
 * @param maxGapDays       a return spanning more trading days than this is flagged
 * @param staleDays        this many identical closes in a row are flagged
 */
public record QualitySettings(LocalDate minDate, Map<String, Double> jumpLimits, Double defaultJumpLimit,
                              Integer maxGapDays, Integer staleDays) implements Serializable {
    public QualitySettings {
        minDate = minDate == null ? LocalDate.of(1900, 1, 1) : minDate;
        jumpLimits = jumpLimits == null ? Map.of() : Map.copyOf(jumpLimits);
        defaultJumpLimit = defaultJumpLimit == null ? 0.25 : defaultJumpLimit;
        maxGapDays = maxGapDays == null ? 5 : maxGapDays;
        staleDays = staleDays == null ? 5 : staleDays;
    }

    public static QualitySettings defaults() {
        return new QualitySettings(null, null, null, null, null);
    }
}
