package org.cybermarket.config;

import java.io.Serializable;
import java.util.List;

/**
 * Growth analytics settings.
 *
 * @param scenarioPoints CAGR shifts for scenario bands, in fractions (0.02 = plus or minus 2 points)
 * @param comparisons    pairs of markets compared for growth differential and share path, as "China/Worldwide"
 * @param regions        research market name -> region of the price data, for realized growth (China -> CN)
 * @param industry       the industry whose realized share-price growth is set beside the projections
 */
public record ForecastSettings(Double scenarioPoints, List<String> comparisons, java.util.Map<String, String> regions,
                               String industry) implements Serializable {
    public ForecastSettings {
        scenarioPoints = scenarioPoints == null ? 0.02 : scenarioPoints;
        if (scenarioPoints < 0 || scenarioPoints >= 1) throw new IllegalArgumentException("forecast.scenario_points must be in [0, 1)");
        comparisons = comparisons == null ? List.of("China/Worldwide") : List.copyOf(comparisons);
        regions = regions == null ? java.util.Map.of("China", "CN", "United States", "US") : java.util.Map.copyOf(regions);
        industry = industry == null ? "Cybersecurity" : industry;
    }

    public static ForecastSettings defaults() {
        return new ForecastSettings(null, null, null, null);
    }
}
