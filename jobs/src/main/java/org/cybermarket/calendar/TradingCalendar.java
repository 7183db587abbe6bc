package org.cybermarket.calendar;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;

/**
 * The trading days of one market, in order. Offsets count trading days: {@code offset(d, -1)} is the
 * trading day before d. Immutable and small (one date per session), so it lives on the driver.
 */
public final class TradingCalendar implements Serializable {
    private final String market;
    private final LocalDate[] days;

    public TradingCalendar(String market, Collection<LocalDate> tradingDays) {
        this.market = market;
        this.days = tradingDays.stream().distinct().sorted().toArray(LocalDate[]::new);
    }

    public String market() { return market; }

    public int size() { return days.length; }

    public LocalDate first() { return days[0]; }

    public LocalDate last() { return days[days.length - 1]; }

    public boolean isTradingDay(LocalDate d) {
        return Arrays.binarySearch(days, d) >= 0;
    }

    /** Position of d among trading days (0-based), or empty when d is not a trading day. */
    public Optional<Integer> indexOf(LocalDate d) {
        int i = Arrays.binarySearch(days, d);
        return i >= 0 ? Optional.of(i) : Optional.empty();
    }

    /** The first trading day on or after d, or empty past the calendar's end. */
    public Optional<LocalDate> onOrAfter(LocalDate d) {
        int i = Arrays.binarySearch(days, d);
        int at = i >= 0 ? i : -i - 1;
        return at < days.length ? Optional.of(days[at]) : Optional.empty();
    }

    /** The first trading day strictly after d. */
    public Optional<LocalDate> next(LocalDate d) {
        return onOrAfter(d.plusDays(1));
    }

    /** The last trading day strictly before d. */
    public Optional<LocalDate> previous(LocalDate d) {
        int i = Arrays.binarySearch(days, d);
        int at = (i >= 0 ? i : -i - 1) - 1;
        return at >= 0 ? Optional.of(days[at]) : Optional.empty();
    }

    /** The trading day {@code offset} trading days from trading day d, or empty outside the calendar. */
    public Optional<LocalDate> offset(LocalDate tradingDay, int offset) {
        int i = Arrays.binarySearch(days, tradingDay);
        if (i < 0) throw new IllegalArgumentException(tradingDay + " is not a trading day of " + market);
        int at = i + offset;
        return at >= 0 && at < days.length ? Optional.of(days[at]) : Optional.empty();
    }

    /** Trading days from a to b, counted as b's index minus a's (both trading days). */
    public int tradingDaysBetween(LocalDate a, LocalDate b) {
        return indexOf(b).orElseThrow() - indexOf(a).orElseThrow();
    }
}
