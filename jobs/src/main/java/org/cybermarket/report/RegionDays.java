package org.cybermarket.report;

import org.apache.spark.sql.Row;
import org.cybermarket.store.Snapshot;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Day 0 and day +1 of an event in one region, as the industry returns see them: the region's first two trading days
 * with sector returns from its earliest day 0, each date's offset on every market of the region (from the market's
 * calendar), and that region's industries on those dates. Read once per report, shared by the sections.
 *
 * @param markets the region's markets that have a day 0 for the event
 * @param offsets market -> date -> trading days from that market's day 0
 * @param sectors date -> the region's sector_returns rows that day, ranked first by rank, then the unranked by return
 */
record RegionDays(String eventId, String region, List<String> markets, List<LocalDate> dates,
                  Map<String, Map<LocalDate, Integer>> offsets, Map<LocalDate, List<Row>> sectors) {

    /** Every (event, region) of the shown events with a day 0 on at least one of the region's markets. */
    static List<RegionDays> of(Snapshot store, Report.Shown shown) {
        List<RegionDays> out = new ArrayList<>();
        if (!store.exists("event_days") || !store.exists("securities") || !store.exists("sector_returns")) return out;
        Map<String, String> regionOf = new TreeMap<>();
        for (Row r : store.read("securities").select("market", "region").distinct().collectAsList()) regionOf.put(r.getString(0), r.getString(1));
        Map<String, Map<String, List<Row>>> byEventRegion = new TreeMap<>();
        for (Row d : store.read("event_days").where(shown.filter().and(col("day0_index").isNotNull())).orderBy("event_id", "market").collectAsList()) {
            String region = regionOf.get(d.<String>getAs("market"));
            if (region != null) byEventRegion.computeIfAbsent(d.getAs("event_id"), k -> new TreeMap<>()).computeIfAbsent(region, k -> new ArrayList<>()).add(d);
        }
        byEventRegion.forEach((event, regions) -> regions.forEach((region, markets) -> {
            RegionDays rd = read(store, event, region, markets);
            if (rd != null) out.add(rd);
        }));
        return out;
    }

    private static RegionDays read(Snapshot store, String event, String region, List<Row> markets) {
        LocalDate first = markets.stream().map(r -> r.<LocalDate>getAs("day0_date")).min(Comparator.naturalOrder()).orElseThrow();
        List<LocalDate> dates = store.read("sector_returns").where(col("region").equalTo(region).and(col("trade_date").geq(lit(first))))
                .select("trade_date").distinct().orderBy("trade_date").limit(2).collectAsList().stream().map(r -> r.getLocalDate(0)).toList();
        if (dates.isEmpty()) return null;
        List<String> ids = markets.stream().map(r -> r.<String>getAs("market")).toList();
        Map<String, Integer> day0Index = new TreeMap<>();
        for (Row m : markets) day0Index.put(m.getAs("market"), m.getAs("day0_index"));
        Map<String, Map<LocalDate, Integer>> offsets = new TreeMap<>();
        if (store.exists("calendar")) {
            for (Row c : store.read("calendar").where(col("market").isin(ids.toArray()).and(col("trade_date").isin(dates.toArray())))
                    .select("market", "trade_date", "day_index").collectAsList()) {
                offsets.computeIfAbsent(c.getString(0), k -> new TreeMap<>()).put(c.getLocalDate(1), c.getInt(2) - day0Index.get(c.getString(0)));
            }
        }
        Map<LocalDate, List<Row>> sectors = new TreeMap<>();
        for (Row r : store.read("sector_returns").where(col("region").equalTo(region).and(col("trade_date").isin(dates.toArray())))
                .orderBy(col("trade_date"), col("rank_ew").asc_nulls_last(), col("ew_return").desc(), col("industry")).collectAsList()) {
            sectors.computeIfAbsent(r.getAs("trade_date"), k -> new ArrayList<>()).add(r);
        }
        return new RegionDays(event, region, ids, dates, offsets, sectors);
    }

    /** A market's offset on a date, or null where the date is not one of its trading days. */
    Integer offset(String market, LocalDate date) {
        return offsets.getOrDefault(market, Map.of()).get(date);
    }

    /** "day +1 on XSHG and XSHE", or each market's own offset where they differ. */
    String dayOn(LocalDate date) {
        Map<String, List<String>> byOffset = new LinkedHashMap<>();
        for (String m : markets) {
            Integer k = offset(m, date);
            byOffset.computeIfAbsent(k == null ? "no trading day" : "day " + Html.offset(k), x -> new ArrayList<>()).add(m);
        }
        List<String> parts = new ArrayList<>();
        byOffset.forEach((k, ms) -> parts.add(k + " on " + String.join(" and ", ms)));
        return String.join(", ", parts);
    }

    /** "day +1" (the first market's offset), for column headings. */
    String day(LocalDate date) {
        return dayOn(date).replaceFirst(" on .*", "");
    }
}
