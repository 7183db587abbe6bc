package org.cybermarket.eventstudy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The dimensions the group statistics are cut by, in one place. Each group is an event with a value of every
 * dimension, or {@link #ALL} for a dimension that rolls up: market and industry roll up (every security is in the
 * groups of its market and industry, of its market across industries, and so on), role does not (a target, its
 * peers and the members of a market-wide study answer different questions and are never averaged together), so
 * every security is in 4 groups of its event. A new dimension is one more entry here.
 */
final class Groups {
    static final String ALL = "ALL";

    /** One dimension: its output column, whether it has an {@link #ALL} level, and a request's value. */
    record Dimension(String column, boolean rollsUp, Function<SecurityKernel.Study, String> value) {}

    static final List<Dimension> DIMENSIONS = List.of(
            new Dimension("group_market", true, st -> st.security.market),
            new Dimension("group_industry", true, st -> st.security.industry),
            new Dimension("group_role", false, SecurityKernel.Study::role));

    /** Output column of each dimension: group_market, group_industry, group_role. */
    static final List<String> COLUMNS = DIMENSIONS.stream().map(Dimension::column).toList();

    private Groups() {}

    /** The finest group of a request: its value of each dimension, in {@link #COLUMNS} order. */
    static List<String> of(SecurityKernel.Study st) {
        List<String> g = new ArrayList<>(DIMENSIONS.size());
        for (Dimension d : DIMENSIONS) g.add(d.value().apply(st));
        return List.copyOf(g);
    }

    /** Every group a finest group belongs to: each dimension that rolls up kept or replaced by ALL. */
    static List<List<String>> levels(List<String> finest) {
        List<Integer> rolling = new ArrayList<>();
        for (int i = 0; i < DIMENSIONS.size(); i++) if (DIMENSIONS.get(i).rollsUp()) rolling.add(i);
        List<List<String>> out = new ArrayList<>();
        for (int mask = 0; mask < 1 << rolling.size(); mask++) {
            List<String> g = new ArrayList<>(finest);
            for (int b = 0; b < rolling.size(); b++) if ((mask & (1 << b)) != 0) g.set(rolling.get(b), ALL);
            out.add(List.copyOf(g));
        }
        return out;
    }
}
