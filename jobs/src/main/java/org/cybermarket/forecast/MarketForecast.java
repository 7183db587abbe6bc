package org.cybermarket.forecast;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Growth analytics from typed research figures, in plain Java: the figures are a hand-typed catalogue (tens of
 * rows), so this runs on the driver and the job turns its results into Parquet.
 *
 * <p>A <em>series</em> is one market's figures in one forecast vintage and currency. Within a series, missing
 * ends follow from a value and a CAGR (the implied base of a CAGR ending at a given value), the year before a
 * stated growth from the value and that growth, and a CAGR from two values when none is stated. Values are in
 * billions of the currency (converted explicitly from the stated unit).
 */
public final class MarketForecast {
    private MarketForecast() {}

    /** One year of one series. basis: given (stated), derived (from another figure), path (on the CAGR path). */
    public record YearRow(String seriesId, LocalDate vintage, String source, String market, String metric, String currency,
                          int year, Double valueBn, Double indexValue, Double growth, Double cagr, Integer cagrStartYear,
                          Integer cagrEndYear, String basis, String status, Double scenarioLowBn, Double scenarioHighBn,
                          Double doublingYears, Double statedMinusImpliedCagr) {}

    /** Two markets of one vintage compared year by year over their common CAGR period. */
    public record ComparisonRow(LocalDate vintage, String marketA, String marketB, int startYear, int endYear, int year,
                                double cagrA, double cagrB, double differential, double relativeSizeIndex,
                                Double valueABn, Double valueBBn, Double shareAOfB) {}

    /** What a later vintage says about a year against an earlier one. */
    public record RevisionRow(String market, String currency, int year, LocalDate earlierVintage, LocalDate laterVintage,
                              double earlierValueBn, double laterValueBn, String earlierBasis, String laterBasis, double revision) {}

    /** A period of constant growth within a series. */
    record Period(int start, int end, double rate, String basis) {}

    /** A value with how it was obtained. */
    record Known(double value, String basis) {}

    /** Derived state of one series. */
    static final class Series {
        final String id;
        final ResearchFigure first;
        final TreeMap<Integer, Known> values = new TreeMap<>();
        final List<Period> periods = new ArrayList<>();
        final Map<Integer, Double> growths = new HashMap<>();
        final Map<Integer, Double> statedMinusImplied = new HashMap<>();

        Series(String id, ResearchFigure first) {
            this.id = id;
            this.first = first;
        }
    }

    public static List<Series> series(List<ResearchFigure> figures) {
        Map<String, Series> out = new LinkedHashMap<>();
        for (ResearchFigure f : figures) {
            Series s = out.computeIfAbsent(f.seriesId(), k -> new Series(k, f));
            switch (f.kind()) {
                case "value" -> {
                    Known prev = s.values.get(f.year());
                    if (prev != null && Math.abs(prev.value() - f.valueInBillions()) > 1e-12) {
                        throw new IllegalArgumentException("research figure '" + f.id() + "': two different values (" + prev.value() + " and "
                                + f.valueInBillions() + " bn) for " + f.market() + " " + f.year() + " in vintage " + f.vintage());
                    }
                    s.values.put(f.year(), new Known(f.valueInBillions(), "given"));
                }
                case "cagr" -> s.periods.add(new Period(f.startYear(), f.endYear(), f.cagr(), "given"));
                case "growth" -> s.growths.put(f.year(), f.growth());
                default -> throw new IllegalStateException(f.kind());
            }
        }
        for (Series s : out.values()) derive(s);
        return new ArrayList<>(out.values());
    }

    static void derive(Series s) {
        for (boolean changed = true; changed; ) {
            changed = false;
            for (Period p : s.periods) {
                Known v0 = s.values.get(p.start()), v1 = s.values.get(p.end());
                if (v1 != null && v0 == null) {
                    s.values.put(p.start(), new Known(Growth.project(v1.value(), p.end(), p.rate(), p.start()), "derived"));
                    changed = true;
                } else if (v0 != null && v1 == null) {
                    s.values.put(p.end(), new Known(Growth.project(v0.value(), p.start(), p.rate(), p.end()), "derived"));
                    changed = true;
                } else if (v0 != null && "given".equals(v0.basis()) && "given".equals(v1.basis())) {
                    s.statedMinusImplied.put(p.end(), p.rate() - Growth.cagr(v0.value(), p.start(), v1.value(), p.end()));
                }
            }
            for (Map.Entry<Integer, Double> g : s.growths.entrySet()) {
                Known now = s.values.get(g.getKey()), before = s.values.get(g.getKey() - 1);
                if (now != null && before == null) {
                    s.values.put(g.getKey() - 1, new Known(now.value() / (1 + g.getValue()), "derived"));
                    changed = true;
                } else if (before != null && now == null) {
                    s.values.put(g.getKey(), new Known(before.value() * (1 + g.getValue()), "derived"));
                    changed = true;
                }
            }
        }
        if (s.periods.isEmpty() && s.values.size() >= 2) {
            // No stated rate: the CAGR between the last two known values.
            Integer y1 = s.values.lastKey();
            Integer y0 = s.values.lowerKey(y1);
            s.periods.add(new Period(y0, y1, Growth.cagr(s.values.get(y0).value(), y0, s.values.get(y1).value(), y1), "derived"));
        }
    }

    public static List<YearRow> years(List<Series> all, double scenarioPoints) {
        List<YearRow> out = new ArrayList<>();
        for (Series s : all) {
            TreeMap<Integer, Boolean> years = new TreeMap<>();
            s.values.keySet().forEach(y -> years.put(y, true));
            for (Period p : s.periods) for (int y = p.start(); y <= p.end(); y++) years.put(y, true);
            s.growths.keySet().forEach(y -> years.put(y, true));
            Double previous = null;
            Integer previousYear = null;
            for (int y : years.keySet()) {
                Period p = periodOf(s, y);
                Known k = s.values.get(y);
                Double value = k != null ? k.value() : null;
                String basis = k != null ? k.basis() : null;
                Double index = null, low = null, high = null;
                if (p != null) {
                    index = Math.pow(1 + p.rate(), y - p.start());
                    Known base = s.values.get(p.start());
                    if (base != null) {
                        if (value == null) {
                            value = Growth.project(base.value(), p.start(), p.rate(), y);
                            basis = "path";
                        }
                        low = Growth.project(base.value(), p.start(), Math.max(-0.99, p.rate() - scenarioPoints), y);
                        high = Growth.project(base.value(), p.start(), p.rate() + scenarioPoints, y);
                    }
                }
                // Inside a CAGR period the growth is the period's rate (a stated end value rounded by the source
                // would otherwise show as a kink); outside, a stated growth, else the ratio of consecutive values.
                Double growth = s.growths.get(y);
                if (growth == null && p != null && y > p.start()) growth = p.rate();
                if (growth == null && value != null && previous != null && previousYear == y - 1) growth = value / previous - 1;
                ResearchFigure f = s.first;
                out.add(new YearRow(s.id, f.vintage(), f.source(), f.market(), f.metric(), f.currency(), y, value, index, growth,
                        p == null ? null : p.rate(), p == null ? null : p.start(), p == null ? null : p.end(), basis,
                        y < f.vintage().getYear() ? "actual" : "projected", low, high,
                        p == null ? null : nanToNull(Growth.doublingYears(p.rate())), s.statedMinusImplied.get(y)));
                previous = value;
                previousYear = y;
            }
        }
        return out;
    }

    /** The period whose span holds y (a year shared by two periods belongs to the later one, whose base it is). */
    static Period periodOf(Series s, int y) {
        Period found = null;
        for (Period p : s.periods) if (y >= p.start() && y <= p.end() && (found == null || p.start() > found.start())) found = p;
        return found;
    }

    public static List<ComparisonRow> comparisons(List<Series> all, List<String> pairs) {
        List<ComparisonRow> out = new ArrayList<>();
        for (String pair : pairs) {
            String[] ab = pair.split("/", 2);
            if (ab.length != 2) throw new IllegalArgumentException("forecast.comparisons entry '" + pair + "' must be 'MarketA/MarketB'");
            for (Series a : all) {
                if (!a.first.market().equals(ab[0])) continue;
                for (Series b : all) {
                    if (!b.first.market().equals(ab[1]) || !b.first.vintage().equals(a.first.vintage())
                            || !b.first.currency().equals(a.first.currency())) continue;
                    for (Period pa : a.periods) for (Period pb : b.periods) {
                        int start = Math.max(pa.start(), pb.start()), end = Math.min(pa.end(), pb.end());
                        if (end <= start) continue;
                        for (int y = start; y <= end; y++) {
                            Double va = valueOnPath(a, pa, y), vb = valueOnPath(b, pb, y);
                            out.add(new ComparisonRow(a.first.vintage(), ab[0], ab[1], start, end, y, pa.rate(), pb.rate(),
                                    pa.rate() - pb.rate(), Growth.relativeGrowth(pa.rate(), pb.rate(), y - start), va, vb,
                                    va != null && vb != null ? va / vb : null));
                        }
                    }
                }
            }
        }
        return out;
    }

    static Double valueOnPath(Series s, Period p, int y) {
        Known k = s.values.get(y);
        if (k != null) return k.value();
        Known base = s.values.get(p.start());
        return base == null ? null : Growth.project(base.value(), p.start(), p.rate(), y);
    }

    public static List<RevisionRow> revisions(List<YearRow> years) {
        Map<String, TreeMap<LocalDate, YearRow>> byKey = new TreeMap<>();
        for (YearRow r : years) {
            if (r.valueBn() == null) continue;
            byKey.computeIfAbsent(r.market() + "|" + r.currency() + "|" + r.year(), k -> new TreeMap<>()).put(r.vintage(), r);
        }
        List<RevisionRow> out = new ArrayList<>();
        for (TreeMap<LocalDate, YearRow> v : byKey.values()) {
            YearRow prev = null;
            for (YearRow r : v.values()) {
                if (prev != null) {
                    out.add(new RevisionRow(r.market(), r.currency(), r.year(), prev.vintage(), r.vintage(), prev.valueBn(), r.valueBn(),
                            prev.basis(), r.basis(), r.valueBn() / prev.valueBn() - 1));
                }
                prev = r;
            }
        }
        return out;
    }

    private static Double nanToNull(double d) {
        return Double.isNaN(d) ? null : d;
    }
}
