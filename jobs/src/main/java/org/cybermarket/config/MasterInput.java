package org.cybermarket.config;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * A security master file.
 *
 * @param columns       canonical field (symbol, name, industry, market, kind, shares_outstanding) -> header aliases
 * @param marketAliases value in the market column -> MIC (SSE -> XSHG)
 * @param defaultMarket MIC when the file has no market column
 */
public record MasterInput(String path, Map<String, List<String>> columns, Map<String, String> marketAliases,
                          String defaultMarket) implements Serializable {
    public MasterInput {
        if (path == null || path.isBlank()) throw new IllegalArgumentException("security master needs a 'path'");
        if (columns == null) throw new IllegalArgumentException("security master " + path + " needs 'columns'");
        marketAliases = marketAliases == null ? Map.of() : Map.copyOf(marketAliases);
    }
}
