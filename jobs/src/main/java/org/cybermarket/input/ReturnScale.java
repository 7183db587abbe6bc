package org.cybermarket.input;

import org.cybermarket.config.Layout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Checks that returns quoted in a file (factor returns) are in the unit its layout says ({@code value_scale}): a percent
 * file read as fractions, or a row written in fractions inside a percent file, is off by a factor of 100, far beyond
 * the day-to-day variation of the largest of a day's factor returns. Runs inside the per-file parser, on the rows the
 * other rules kept.
 */
final class ReturnScale {
    /** A row this many times smaller or larger than the median of its neighbours is in another unit (a unit error is 100x). */
    static final double UNIT_RATIO = 50;
    /** Rows on each side of a row that form its neighbourhood. */
    static final int NEIGHBOURS = 10;
    /** Fewer good rows than this: no statistics, no check. */
    static final int MIN_ROWS = 20;
    /** The median over a file of a day's largest absolute factor return, as a fraction, lies between these (0.6% for Fama-French US). */
    static final double FILE_MEDIAN_LOW = 0.0005;
    static final double FILE_MEDIAN_HIGH = 0.05;

    private ReturnScale() {}

    static void check(String fileName, List<ParsedLine> lines, TargetSchema target, Layout layout) {
        List<Integer> rows = new ArrayList<>();
        List<Double> size = new ArrayList<>();
        List<Integer> fields = target.scaledReturns().stream().map(target.fieldNames()::indexOf).toList();
        for (int i = 0; i < lines.size(); i++) {
            ParsedLine l = lines.get(i);
            if (l.kind() != ParsedLine.Kind.DATA || l.reason() != null) continue;
            double m = 0;
            for (int f : fields) if (l.values()[f] != null) m = Math.max(m, Math.abs((Double) l.values()[f]));
            if (m > 0) {
                rows.add(i);
                size.add(m);
            }
        }
        if (rows.size() < MIN_ROWS) return;
        double median = median(size.stream().mapToDouble(Double::doubleValue).toArray());
        String what = "the median of each day's largest |" + String.join("|, |", target.scaledReturns()) + "|";
        if (median > FILE_MEDIAN_HIGH || median < FILE_MEDIAN_LOW) {
            throw new InputFileException(fileName, String.format(Locale.ROOT, "%s is %.4g after value_scale %s: %s", what, median,
                    layout.valueScale(), median > FILE_MEDIAN_HIGH
                            ? "the file looks like percent read as fractions (set the layout's value_scale: 0.01)"
                            : "the file looks like fractions scaled again (remove the layout's value_scale)"));
        }
        for (int k = 0; k < rows.size(); k++) {
            double[] around = neighbours(size, k);
            if (around.length < NEIGHBOURS) continue;
            double local = median(around);
            double ratio = size.get(k) / local;
            if (ratio < 1 / UNIT_RATIO || ratio > UNIT_RATIO) {
                ParsedLine l = lines.get(rows.get(k));
                lines.set(rows.get(k), new ParsedLine(l.lineNumber(), l.kind(), l.raw(), RejectReason.FACTOR_UNIT_MISMATCH,
                        String.format(Locale.ROOT, "the largest |factor| of the row is %.4g after value_scale %s, %.3g times the median of "
                                + "the %d rows around it (%.4g): %s", size.get(k), layout.valueScale(), ratio, around.length, local,
                                ratio < 1 ? "written in fractions in a percent file?" : "written in percent in a file of fractions?"),
                        l.values()));
            }
        }
    }

    private static double[] neighbours(List<Double> size, int k) {
        int from = Math.max(0, k - NEIGHBOURS);
        int to = Math.min(size.size(), k + NEIGHBOURS + 1);
        double[] out = new double[to - from - 1];
        int n = 0;
        for (int j = from; j < to; j++) if (j != k) out[n++] = size.get(j);
        return out;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
