package org.cybermarket.eventstudy;

import org.cybermarket.calendar.TradingCalendar;
import org.cybermarket.config.MarketSpec;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Day 0 of an event on a market, per the methodology: if the event's instant falls before the market's close
 * on a trading day, day 0 is that day; otherwise the market's next trading day. An override wins. An event before the
 * market's first day of data or after its last has no day 0 (the data cannot say which day it is), rather than the
 * nearest day of data.
 */
public final class DayZero {
    /** Rule of an event dated before the market's first trading day in the data. */
    public static final String BEFORE_DATA = "before the data";
    /** Rule of an event whose day 0 would fall after the market's last trading day in the data. */
    public static final String AFTER_DATA = "after the data";

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
        if (date.isBefore(calendar.first())) {
            return new Result(null, BEFORE_DATA, "the event (" + date + " in " + market.zone() + ") is before the first trading day of "
                    + market.id() + " in the data (" + calendar.first() + ")");
        }
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
                .orElseGet(() -> new Result(null, AFTER_DATA, "day 0 (" + rule + " from " + date + " in " + market.zone()
                        + ") would be after the last trading day of " + market.id() + " in the data (" + calendar.last() + ")"));
    }
}
