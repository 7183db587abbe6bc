package org.cybermarket.forecast;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * One typed research figure: a value in a year, a CAGR over a period, or one year's growth.
 *
 * @param vintage publication date of the forecast (or of the earliest report citing it)
 * @param unit    billion, million or thousand (of the currency); values are compared only after explicit conversion
 */
public record ResearchFigure(String id, String source, LocalDate vintage, String market, String metric, String currency,
                             String unit, String kind, Integer year, Integer startYear, Integer endYear, Double value,
                             Double cagr, Double growth, String note) implements Serializable {

    public ResearchFigure {
        String who = "research figure '" + id + "'";
        if (id == null || id.isBlank()) throw new IllegalArgumentException("a research figure needs an 'id'");
        if (source == null || source.isBlank()) throw new IllegalArgumentException(who + " needs a 'source'");
        if (vintage == null) throw new IllegalArgumentException(who + " needs a 'vintage' (publication date)");
        if (market == null || market.isBlank()) throw new IllegalArgumentException(who + " needs a 'market'");
        if (currency == null || currency.isBlank()) throw new IllegalArgumentException(who + " has no currency");
        if (unit == null || scale(unit) == null) throw new IllegalArgumentException(who + " has unit '" + unit + "': use billion, million or thousand");
        if (kind == null) throw new IllegalArgumentException(who + " needs a 'kind': value, cagr or growth");
        switch (kind) {
            case "value" -> {
                if (year == null || value == null) throw new IllegalArgumentException(who + ": a value needs 'year' and 'value'");
                if (!(value > 0) || value.isInfinite()) throw new IllegalArgumentException(who + ": value must be positive and finite, got " + value);
            }
            case "cagr" -> {
                if (startYear == null || endYear == null || cagr == null) throw new IllegalArgumentException(who + ": a cagr needs 'start_year', 'end_year' and 'cagr'");
                if (endYear <= startYear) throw new IllegalArgumentException(who + ": end year " + endYear + " is not after start year " + startYear);
                if (!(cagr > -1)) throw new IllegalArgumentException(who + ": a CAGR below -100% (" + cagr + ") is impossible");
                if (Math.abs(cagr) > 5) throw new IllegalArgumentException(who + ": CAGR " + cagr + " looks like a percent; rates are fractions (0.135 = 13.5%)");
            }
            case "growth" -> {
                if (year == null || growth == null) throw new IllegalArgumentException(who + ": a growth needs 'year' and 'growth'");
                if (!(growth > -1)) throw new IllegalArgumentException(who + ": growth below -100% (" + growth + ") is impossible");
                if (Math.abs(growth) > 5) throw new IllegalArgumentException(who + ": growth " + growth + " looks like a percent; rates are fractions");
            }
            default -> throw new IllegalArgumentException(who + " has kind '" + kind + "': use value, cagr or growth");
        }
    }

    /** Multiplier from the unit to billions, or null for an unknown unit. */
    static Double scale(String unit) {
        return switch (unit) {
            case "billion" -> 1.0;
            case "million" -> 1e-3;
            case "thousand" -> 1e-6;
            default -> null;
        };
    }

    /** The value in billions of the currency. */
    double valueInBillions() {
        return value * scale(unit);
    }

    /** A series: one market's figures in one forecast vintage and currency. */
    String seriesId() {
        return vintage + "/" + market + "/" + currency;
    }
}
