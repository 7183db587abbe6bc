package org.cybermarket.config;

import java.io.Serializable;
import java.util.List;

/**
 * Growth analytics settings.
 *
 * @param scenarioPoints CAGR shifts for scenario bands, in fractions (0.02 = plus or minus 2 points)
 * @param comparisons    pairs of markets compared for growth differential and share path, as "CN/WW"
 */
public record ForecastSettings(Double scenarioPoints, List<String> comparisons) implements Serializable {
    public ForecastSettings {
        scenarioPoints = scenarioPoints == null ? 0.02 : scenarioPoints;
        if (scenarioPoints < 0 || scenarioPoints >= 1) throw new IllegalArgumentException("forecast.scenario_points must be in [0, 1)");
        comparisons = comparisons == null ? List.of("China/Worldwide") : List.copyOf(comparisons);
    }

    public static ForecastSettings defaults() {
        return new ForecastSettings(null, null);
    }
}
