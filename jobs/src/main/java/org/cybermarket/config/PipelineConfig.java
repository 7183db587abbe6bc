package org.cybermarket.config;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a run needs, loaded from JSON or YAML (snake_case keys) and overridden by CLI options.
 * Paths are relative to {@code dataDir} unless absolute or URIs.
 */
public record PipelineConfig(
        String dataDir,
        String out,
        LocalDate asOf,
        List<MarketSpec> markets,
        Map<String, Layout> layouts,
        List<PriceInput> prices,
        List<MasterInput> securities,
        List<FactorInput> factors,
        String events,
        String research,
        EventStudySettings eventStudy,
        ForecastSettings forecast,
        QualitySettings quality,
        SectorSettings sectors,
        ReportSettings report) implements Serializable {

    public PipelineConfig {
        dataDir = dataDir == null ? "data" : dataDir;
        out = out == null ? "out" : out;
        markets = markets == null ? List.of() : List.copyOf(markets);
        layouts = layouts == null ? Map.of() : Map.copyOf(layouts);
        prices = prices == null ? List.of() : List.copyOf(prices);
        securities = securities == null ? List.of() : List.copyOf(securities);
        factors = factors == null ? List.of() : List.copyOf(factors);
        eventStudy = eventStudy == null ? EventStudySettings.defaults() : eventStudy;
        forecast = forecast == null ? ForecastSettings.defaults() : forecast;
        quality = quality == null ? QualitySettings.defaults() : quality;
        sectors = sectors == null ? SectorSettings.defaults() : sectors;
        report = report == null ? ReportSettings.defaults() : report;
        if (markets.isEmpty()) throw new IllegalArgumentException("config needs at least one entry under 'markets'");
        for (PriceInput p : prices) {
            if (!"parquet".equals(p.layout()) && !layouts.containsKey(p.layout())) {
                throw new IllegalArgumentException("price input " + p.path() + " names layout '" + p.layout()
                        + "', which is not under 'layouts' (known: " + layouts.keySet() + ")");
            }
            if (p.market() != null && markets.stream().noneMatch(m -> m.id().equals(p.market()))) {
                throw new IllegalArgumentException("price input " + p.path() + " names market '" + p.market() + "', which is not under 'markets'");
            }
        }
        for (FactorInput f : factors) {
            if (!layouts.containsKey(f.layout())) {
                throw new IllegalArgumentException("factor input " + f.path() + " names unknown layout '" + f.layout() + "'");
            }
        }
    }

    public MarketSpec market(String id) {
        return markets.stream().filter(m -> m.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown market '" + id + "'"));
    }

    public PipelineConfig withOverrides(String newDataDir, String newOut, LocalDate newAsOf) {
        return new PipelineConfig(Objects.requireNonNullElse(newDataDir, dataDir), Objects.requireNonNullElse(newOut, out),
                newAsOf == null ? asOf : newAsOf, markets, layouts, prices, securities, factors, events, research,
                eventStudy, forecast, quality, sectors, report);
    }
}
