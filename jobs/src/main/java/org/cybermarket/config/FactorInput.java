package org.cybermarket.config;

import java.io.Serializable;

/** A factor file (Fama-French style), read with a layout whose columns are trade_date, mkt_rf, smb, hml, rf and optionally mom. */
public record FactorInput(String path, String layout, String region) implements Serializable {
    public FactorInput {
        if (path == null || layout == null) throw new IllegalArgumentException("factor input needs 'path' and 'layout'");
        region = region == null ? "US" : region;
    }
}
