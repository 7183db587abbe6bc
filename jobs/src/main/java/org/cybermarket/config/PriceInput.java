package org.cybermarket.config;

import java.io.Serializable;

/**
 * One set of price files.
 *
 * @param path   file or glob, relative to the data directory unless absolute or a URI
 * @param layout name of an entry under {@code layouts}, or {@code parquet} for the canonical Parquet schema
 * @param market MIC for every row, or null to take each symbol's market from the security master
 * @param kind   stock, etf or index; rows of an index need not be in the security master
 */
public record PriceInput(String path, String layout, String market, String kind) implements Serializable {
    public PriceInput {
        if (path == null || path.isBlank()) throw new IllegalArgumentException("price input needs a 'path'");
        if (layout == null || layout.isBlank()) throw new IllegalArgumentException("price input " + path + " needs a 'layout'");
        kind = kind == null ? "stock" : kind;
    }
}
