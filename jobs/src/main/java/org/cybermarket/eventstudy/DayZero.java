package org.cybermarket.eventstudy;

import org.cybermarket.calendar.TradingCalendar;
import org.cybermarket.config.MarketSpec;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Day 0 of an event on a market, per the methodology: if the event's instant falls before the market's close
 * on a trading day, day 0 is that day; otherwise the market's next trading day. An override wins.
 */
public final class DayZero {
    private DayZero() {}

    /** The result: day 0, or why there is none, and how it was chosen. */
    public record Result(LocalDate day0, String rule, String problem) {}

    public static Result of(Event event, MarketSpec market, TradingCalendar calendar) {
        LocalDate override = event.day0ByMarket().get(market.id());
        if (override != null) {
            if (!calendar.isTradingDay(override)) {
                return new Result(null, "override", "override " + override + " is not a trading day of " + market.id());
            }
            return new Result(override, "override", null);
        }
        ZonedDateTime local = event.instant().atZone(market.zoneId());
        LocalDate date = local.toLocalDate();
        Optional<LocalDate> day0;
        String rule;
        if (calendar.isTradingDay(date) && local.toLocalTime().isBefore(market.closeTime())) {
            day0 = Optional.of(date);
            rule = "before close on a trading day";
        } else if (calendar.isTradingDay(date)) {
            day0 = calendar.next(date);
            rule = "after close: next trading day";
        } else {
            day0 = calendar.onOrAfter(date);
            rule = "non-trading day: next trading day";
        }
        return day0.map(d -> new Result(d, rule, null))
                .orElseGet(() -> new Result(null, rule, "no trading day of " + market.id() + " on or after " + date + " in the data"));
    }
}
