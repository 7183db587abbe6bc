package org.cybermarket.input;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The canonical fields a layout can be parsed into, their types, and which must be present.
 * {@code requiredAnyOf} lists groups of which at least one field must be mapped (close or adjusted close);
 * {@code scaledReturns} are returns quoted in the layout's unit ({@code value_scale}), whose scale {@link ReturnScale} checks.
 */
public record TargetSchema(String name, Map<String, FieldType> fields, Set<String> required,
                           List<Set<String>> requiredAnyOf, Set<String> prices, List<String> scaledReturns) implements Serializable {

    public static final TargetSchema PRICES = new TargetSchema("prices", ordered(
            "symbol", FieldType.STRING, "trade_date", FieldType.DATE,
            "open_price", FieldType.DOUBLE, "high_price", FieldType.DOUBLE, "low_price", FieldType.DOUBLE,
            "close_price", FieldType.DOUBLE, "adj_close_price", FieldType.DOUBLE,
            "volume", FieldType.DOUBLE, "turnover", FieldType.DOUBLE),
            Set.of("symbol", "trade_date"), List.of(Set.of("close_price", "adj_close_price")),
            Set.of("open_price", "high_price", "low_price", "close_price", "adj_close_price"), List.of());

    public static final TargetSchema FACTORS = new TargetSchema("factors", ordered(
            "trade_date", FieldType.DATE, "mkt_rf", FieldType.DOUBLE, "smb", FieldType.DOUBLE,
            "hml", FieldType.DOUBLE, "rf", FieldType.DOUBLE, "mom", FieldType.DOUBLE),
            Set.of("trade_date", "mkt_rf", "smb", "hml", "rf"), List.of(), Set.of(), List.of("mkt_rf", "smb", "hml"));

    public static final TargetSchema SECURITIES = new TargetSchema("securities", ordered(
            "symbol", FieldType.STRING, "name", FieldType.STRING, "industry", FieldType.STRING,
            "market", FieldType.STRING, "kind", FieldType.STRING, "board", FieldType.STRING,
            "shares_outstanding", FieldType.DOUBLE),
            Set.of("symbol", "industry"), List.of(), Set.of(), List.of());

    public List<String> fieldNames() {
        return List.copyOf(fields.keySet());
    }

    private static Map<String, FieldType> ordered(Object... kv) {
        Map<String, FieldType> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], (FieldType) kv[i + 1]);
        return m;
    }
}
