package org.cybermarket.eventstudy;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.Locale;

import static org.apache.spark.sql.functions.col;
import static org.cybermarket.schema.Cols.keys;

/**
 * Which securities a firm-level event adds to the ones it names, as role {@link Role#PEER} ({@code "peers"} in the
 * catalogue): none, or every other member of each target's industry and market.
 */
public enum Peers {
    /** The named securities alone. */
    NONE {
        @Override
        Dataset<Row> of(Dataset<Row> targets, Dataset<Row> members) {
            return targets.limit(0).select("event_id", "market", "symbol");
        }
    },
    /** Every member (kind other than index) of each target's industry and market. */
    INDUSTRY {
        @Override
        Dataset<Row> of(Dataset<Row> targets, Dataset<Row> members) {
            Dataset<Row> industries = targets.join(members.select("market", "symbol", "industry"), keys("market", "symbol"), "inner")
                    .select("event_id", "market", "industry");
            return industries.join(members.select(col("market"), col("industry"), col("symbol")), keys("market", "industry"), "inner")
                    .select("event_id", "market", "symbol");
        }
    };

    /**
     * Candidate peers (event_id, market, symbol) of the targets of events with this rule; may include the named
     * securities themselves, which keep their named role.
     *
     * @param targets event_id, market, symbol of the targets of events with this rule
     * @param members market, symbol, industry of the securities that can be studied
     */
    abstract Dataset<Row> of(Dataset<Row> targets, Dataset<Row> members);

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Peers named(String label) {
        for (Peers p : values()) if (p.label().equals(label)) return p;
        throw new IllegalArgumentException("'peers': '" + label + "' is not one of [industry, none]");
    }
}
