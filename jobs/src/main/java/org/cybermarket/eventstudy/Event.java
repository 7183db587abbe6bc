package org.cybermarket.eventstudy;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One catalogued event: market-wide (every member of each market it is studied on, role member) or firm-level (the
 * securities it names, each a target or a peer, with more peers by {@link Peers}). Typed facts from the catalogue.
 *
 * @param id               short identifier ([A-Za-z0-9_-], it becomes a partition value)
 * @param instant          when the market could first know, with a zone (an instant without one is rejected)
 * @param markets          market-wide: MICs the event is studied on; empty = every configured market
 * @param day0ByMarket     overrides of day 0 per market (must be trading days)
 * @param securities       firm-level: the firms it names with their role (empty for a market-wide event)
 * @param peers            firm-level: which other securities join the targets as peers
 * @param tags             labels to select events by (pools of {@code event_study.pools})
 * @param instantPrecision how well the instant is known (exact, approximate, date), as the catalogue says; may be null
 * @param instantReasoning why that instant, as the catalogue says; may be null
 */
public record Event(String id, String name, Instant instant, String description, List<String> markets,
                    Map<String, LocalDate> day0ByMarket, List<String> sources, List<NamedSecurity> securities, Peers peers,
                    List<String> tags, String instantPrecision, String instantReasoning) implements Serializable {
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,79}");

    /** A security an event names: its symbol and market as in the security master, and its role. */
    public record NamedSecurity(String symbol, String market, Role role) implements Serializable {
        public NamedSecurity {
            if (symbol == null || symbol.isBlank() || market == null || market.isBlank()) {
                throw new IllegalArgumentException("each of 'securities' needs a 'symbol' and a 'market'");
            }
            if (role == null) throw new IllegalArgumentException("security " + symbol + " needs a 'role' (target or peer)");
            symbol = symbol.strip().toUpperCase(java.util.Locale.ROOT);
            market = market.strip();
        }
    }

    public Event {
        if (id == null || !SAFE_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("event id '" + id + "' must be 1-80 letters, digits, '-' or '_' (it names output partitions)");
        }
        if (instant == null) throw new IllegalArgumentException("event " + id + " needs an 'instant' with a zone, like 2024-07-19T04:09:00Z");
        markets = markets == null ? List.of() : List.copyOf(markets);
        day0ByMarket = day0ByMarket == null ? Map.of() : Map.copyOf(day0ByMarket);
        sources = sources == null ? List.of() : List.copyOf(sources);
        securities = securities == null ? List.of() : List.copyOf(securities);
        peers = peers == null ? Peers.NONE : peers;
        tags = tags == null ? List.of() : List.copyOf(tags);
        if (!securities.isEmpty() && !markets.isEmpty()) {
            throw new IllegalArgumentException("an event lists either 'securities' (firm-level: studied on their markets) or 'markets' "
                    + "(market-wide), not both");
        }
        if (securities.isEmpty() && peers != Peers.NONE) {
            throw new IllegalArgumentException("'peers': '" + peers.label() + "' needs 'securities' with at least one target");
        }
        Set<String> seen = new HashSet<>();
        for (NamedSecurity s : securities) {
            if (!seen.add(s.market() + "/" + s.symbol())) throw new IllegalArgumentException("security " + s.market() + "/" + s.symbol() + " is named twice");
        }
        if (!securities.isEmpty() && securities.stream().noneMatch(s -> s.role() == Role.TARGET)) {
            throw new IllegalArgumentException("'securities' names no target (role 'target')");
        }
    }

    /** A market-wide event (no securities named). */
    public Event(String id, String name, Instant instant, String description, List<String> markets,
                 Map<String, LocalDate> day0ByMarket, List<String> sources) {
        this(id, name, instant, description, markets, day0ByMarket, sources, null, null, null, null, null);
    }

    /** True when the event names its securities; false when every member of its markets is studied. */
    public boolean firmLevel() {
        return !securities.isEmpty();
    }

    /** The markets a day 0 is needed on: the named securities' markets, else {@link #markets}, else every configured one. */
    public List<String> marketsStudied(List<String> configured) {
        if (firmLevel()) {
            Set<String> m = new LinkedHashSet<>();
            for (NamedSecurity s : securities) m.add(s.market());
            return new ArrayList<>(m);
        }
        return markets.isEmpty() ? configured : markets;
    }
}
