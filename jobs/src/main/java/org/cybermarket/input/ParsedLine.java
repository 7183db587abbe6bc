package org.cybermarket.input;

import java.io.Serializable;

/**
 * One physical line of an input file and what became of it. Every line of a file yields exactly one,
 * so a file's line count reconciles with what was kept, rejected, skipped as preamble or footer.
 *
 * @param values parsed canonical values in {@link TargetSchema#fieldNames()} order; null unless kind is DATA and reason null
 */
public record ParsedLine(long lineNumber, Kind kind, String raw, RejectReason reason, String detail, Object[] values)
        implements Serializable {

    /** What a line is. A DATA line is a row read; it is either kept or rejected. */
    public enum Kind { PREAMBLE, HEADER, DATA, BLANK, FOOTER }
}
