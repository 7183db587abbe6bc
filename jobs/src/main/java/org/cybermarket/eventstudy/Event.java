package org.cybermarket.eventstudy;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One catalogued event.
 *
 * @param id           short identifier ([A-Za-z0-9_-], it becomes a partition value)
 * @param instant      when it happened, with a zone (an instant without one is rejected)
 * @param markets      MICs the event is studied on; empty = every configured market
 * @param day0ByMarket overrides of day 0 per market (must be trading days)
 */
public record Event(String id, String name, Instant instant, String description, List<String> markets,
                    Map<String, LocalDate> day0ByMarket, List<String> sources) implements Serializable {
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,79}");

    public Event {
        if (id == null || !SAFE_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("event id '" + id + "' must be 1-80 letters, digits, '-' or '_' (it names output partitions)");
        }
        if (instant == null) throw new IllegalArgumentException("event " + id + " needs an 'instant' with a zone, like 2024-07-19T04:09:00Z");
        markets = markets == null ? List.of() : List.copyOf(markets);
        day0ByMarket = day0ByMarket == null ? Map.of() : Map.copyOf(day0ByMarket);
        sources = sources == null ? List.of() : List.copyOf(sources);
    }
}
