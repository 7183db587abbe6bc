package org.cybermarket.io;

/** Why an input row was quarantined. Documented in docs/data-dictionary.md (dataset {@code rejects}). */
public enum RejectReason {
    WRONG_FIELD_COUNT, UNBALANCED_QUOTE, REPEATED_HEADER, MISSING_SYMBOL, UNPARSEABLE_DATE, INVALID_NUMBER,
    MISSING_PRICE, NON_POSITIVE_PRICE, HIGH_BELOW_LOW, NEGATIVE_VOLUME, DATE_OUT_OF_RANGE, UNKNOWN_SYMBOL,
    UNKNOWN_MARKET, DUPLICATE_CONFLICT, MISSING_INDUSTRY
}
