package org.cybermarket.input;

/**
 * Why an input row was quarantined. Documented in docs/data-dictionary.md (dataset {@code rejects}). {@code SUPERSEDED}
 * is listed with the rejects, where users look for rows that were not kept, but counted apart in the reconciliation:
 * it is a valid row of a lower-priority source that another source overrides.
 */
public enum RejectReason {
    WRONG_FIELD_COUNT, UNBALANCED_QUOTE, REPEATED_HEADER, HEADER_MISMATCH, ROW_OUTSIDE_DATA_BLOCK, TRUNCATED_LAST_LINE,
    MISSING_SYMBOL, UNPARSEABLE_DATE, INVALID_NUMBER, MISSING_PRICE, NON_POSITIVE_PRICE, PRICE_OUT_OF_RANGE, HIGH_BELOW_LOW,
    PRICE_OUTSIDE_HIGH_LOW, NEGATIVE_VOLUME, FACTOR_UNIT_MISMATCH, DATE_OUT_OF_RANGE, UNKNOWN_SYMBOL, UNKNOWN_MARKET,
    DUPLICATE_CONFLICT, SUPERSEDED, MISSING_INDUSTRY
}
