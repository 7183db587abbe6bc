package org.cybermarket.config;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * One exchange (ISO 10383 MIC) with its clock and calendar inputs.
 *
 * @param id        MIC, for example XSHG, XSHE, XNYS, XNAS
 * @param region    the group used for sector comparisons (CN, US): exchanges of one region share a calendar
 * @param zone      IANA time zone of the exchange
 * @param close     local closing time; an event at or after it has day 0 on the next trading day
 * @param currency  ISO 4217 code of prices on this exchange
 * @param benchmark symbol whose trading days define the calendar and whose return is the market return
 * @param holidays  extra non-trading weekdays to remove even where a file has a price
 */
public record MarketSpec(String id, String region, String zone, String close, String currency,
                         String benchmark, List<LocalDate> holidays) implements Serializable {
    public MarketSpec {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("market needs an 'id' (MIC)");
        if (region == null || region.isBlank()) throw new IllegalArgumentException("market " + id + " needs a 'region'");
        if (currency == null || currency.isBlank()) throw new IllegalArgumentException("market " + id + " needs a 'currency'");
        ZoneId.of(zone == null ? "?" : zone);
        LocalTime.parse(close == null ? "?" : close);
        holidays = holidays == null ? List.of() : List.copyOf(holidays);
    }

    public ZoneId zoneId() { return ZoneId.of(zone); }

    public LocalTime closeTime() { return LocalTime.parse(close); }
}
