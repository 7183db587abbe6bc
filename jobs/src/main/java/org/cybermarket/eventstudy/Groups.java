package org.cybermarket.eventstudy;

import java.util.ArrayList;
import java.util.List;

/**
 * The dimensions the group statistics are cut by, in one place: each group is an event with a value or {@link #ALL}
 * for each dimension, so with D dimensions every security is in 2^D groups of its event. A new dimension (a
 * request's role, say) is one more entry here and one more value per request.
 */
final class Groups {
    static final String ALL = "ALL";
    /** Output column of each dimension: group_market, group_industry. */
    static final List<String> COLUMNS = List.of("group_market", "group_industry");

    private Groups() {}

    /** The finest group of a request: its value of each dimension, in {@link #COLUMNS} order. */
    static List<String> of(SecurityKernel.Study st) {
        return List.of(st.security.market, st.security.industry);
    }

    /** Every group a finest group belongs to: each dimension kept or replaced by ALL. */
    static List<List<String>> levels(List<String> finest) {
        List<List<String>> out = new ArrayList<>();
        int d = finest.size();
        for (int mask = 0; mask < 1 << d; mask++) {
            List<String> g = new ArrayList<>(d);
            for (int i = 0; i < d; i++) g.add((mask & (1 << i)) != 0 ? ALL : finest.get(i));
            out.add(List.copyOf(g));
        }
        return out;
    }
}
