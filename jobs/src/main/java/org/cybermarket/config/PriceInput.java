package org.cybermarket.config;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One set of price files.
 *
 * @param path             file or glob, relative to the data directory unless absolute or a URI
 * @param layout           name of an entry under {@code layouts}, or {@code parquet} for the canonical Parquet schema
 * @param market           MIC for every row, or null to take each symbol's market from the security master
 * @param kind             stock, etf or index; rows of an index need not be in the security master
 * @param priority         which source wins when two inputs disagree on a (market, symbol, date): 1 is the first choice;
 *                         the other input's rows are then SUPERSEDED. Without it, disagreeing inputs are all rejected
 *                         (DUPLICATE_CONFLICT)
 * @param priorityBySymbol the same per symbol, overriding {@code priority} for the symbols it names
 */
public record PriceInput(String path, String layout, String market, String kind, Integer priority,
                         Map<String, Integer> priorityBySymbol) implements Serializable {
    public PriceInput {
        if (path == null || path.isBlank()) throw new IllegalArgumentException("price input needs a 'path'");
        if (layout == null || layout.isBlank()) throw new IllegalArgumentException("price input " + path + " needs a 'layout'");
        kind = kind == null ? "stock" : kind;
        if (priority != null && priority < 1) throw new IllegalArgumentException("price input " + path + ": priority must be 1 or more (1 wins), got " + priority);
        Map<String, Integer> bySymbol = new LinkedHashMap<>();
        if (priorityBySymbol != null) {
            for (Map.Entry<String, Integer> e : priorityBySymbol.entrySet()) {
                if (e.getValue() == null || e.getValue() < 1) {
                    throw new IllegalArgumentException("price input " + path + ": priority_by_symbol." + e.getKey() + " must be 1 or more (1 wins)");
                }
                bySymbol.put(e.getKey().trim().toUpperCase(Locale.ROOT), e.getValue()); // symbols are compared upper-cased
            }
        }
        priorityBySymbol = Map.copyOf(bySymbol);
    }
}
