package org.cybermarket.calendar;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

class TradingCalendarTest {
    // Thursday 2024-07-18 to Tuesday 2024-07-23, with the weekend missing.
    private final TradingCalendar cal = new TradingCalendar("XNYS", List.of(LocalDate.parse("2024-07-18"),
            LocalDate.parse("2024-07-19"), LocalDate.parse("2024-07-22"), LocalDate.parse("2024-07-23")));

    @Test
    void offsetsCountTradingDaysNotCalendarDays() {
        assertEquals(Optional.of(LocalDate.parse("2024-07-22")), cal.offset(LocalDate.parse("2024-07-19"), 1));
        assertEquals(Optional.of(LocalDate.parse("2024-07-18")), cal.offset(LocalDate.parse("2024-07-22"), -2));
        assertEquals(Optional.empty(), cal.offset(LocalDate.parse("2024-07-23"), 1));
        assertEquals(2, cal.tradingDaysBetween(LocalDate.parse("2024-07-18"), LocalDate.parse("2024-07-22")));
    }

    @Test
    void nextAndPreviousSkipNonTradingDays() {
        assertEquals(Optional.of(LocalDate.parse("2024-07-22")), cal.next(LocalDate.parse("2024-07-19")));
        assertEquals(Optional.of(LocalDate.parse("2024-07-22")), cal.onOrAfter(LocalDate.parse("2024-07-20")));
        assertEquals(Optional.of(LocalDate.parse("2024-07-19")), cal.previous(LocalDate.parse("2024-07-21")));
        assertEquals(Optional.empty(), cal.previous(LocalDate.parse("2024-07-18")));
        assertFalse(cal.isTradingDay(LocalDate.parse("2024-07-20")));
    }

    @Test
    void anOffsetFromANonTradingDayIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> cal.offset(LocalDate.parse("2024-07-20"), 1));
    }
}
