package org.cybermarket.report;

import java.util.List;

/** Minimal HTML building with escaping of every untrusted string. */
public final class Html {
    /** Cells written as text that are numbers all the same ("+4.08%", "9.38", "p < 0.001"): aligned right. */
    private static final java.util.regex.Pattern NUMERIC = java.util.regex.Pattern.compile("[+-]?[0-9][0-9,]*(\\.[0-9]+)?%?|p [<=] [0-9.]+|n/a");

    private Html() {}

    public static String esc(Object o) {
        if (o == null) return "";
        String s = o.toString();
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A table; every cell is escaped. */
    public static String table(List<String> header, List<List<Object>> rows) {
        return table(header, rows, List.of());
    }

    /** A table whose rows carry a CSS class each ("" for none; {@code classes} may be shorter than {@code rows}). */
    public static String table(List<String> header, List<List<Object>> rows, List<String> classes) {
        StringBuilder b = new StringBuilder("<table><thead><tr>");
        for (String h : header) b.append("<th>").append(esc(h)).append("</th>");
        b.append("</tr></thead><tbody>");
        for (int i = 0; i < rows.size(); i++) {
            List<Object> r = rows.get(i);
            String cls = i < classes.size() ? classes.get(i) : "";
            b.append(cls.isEmpty() ? "<tr>" : "<tr class=\"" + esc(cls) + "\">");
            for (Object c : r) {
                boolean numeric = c instanceof Number || c instanceof String t && NUMERIC.matcher(t).matches();
                b.append(numeric ? "<td class=\"n\">" : "<td>").append(esc(format(c))).append("</td>");
            }
            b.append("</tr>");
        }
        return b.append("</tbody></table>").toString();
    }

    static String format(Object c) {
        if (c instanceof Double d) {
            if (d.isNaN()) return "";
            return Math.abs(d) >= 1000 ? String.format(java.util.Locale.ROOT, "%,.1f", d) : String.format(java.util.Locale.ROOT, "%.4f", d);
        }
        return c == null ? "" : c.toString();
    }

    /** A fraction as a signed percent with two decimals: 0.040829 -> "+4.08%". */
    public static String pct(Double d) {
        return d == null || d.isNaN() ? "" : String.format(java.util.Locale.ROOT, "%+.2f%%", d * 100);
    }

    /** A test statistic to two decimals. */
    public static String stat(Double d) {
        return d == null || d.isNaN() ? "n/a" : String.format(java.util.Locale.ROOT, "%.2f", d);
    }

    /** A two-sided p-value: "p < 0.001" below a thousandth, else to three decimals. */
    public static String p(Double p) {
        if (p == null || p.isNaN()) return "p n/a";
        return p < 0.001 ? "p < 0.001" : String.format(java.util.Locale.ROOT, "p = %.3f", p);
    }

    /** Billions to two decimals. */
    public static String bn(Double d) {
        return d == null ? "" : String.format(java.util.Locale.ROOT, "%,.2f", d);
    }

    /** An event-day offset with its sign: -1, 0, +1. */
    public static String offset(int k) {
        return k > 0 ? "+" + k : Integer.toString(k);
    }

    /** An instant (Spark gives Instant or Timestamp) as "2024-07-19 04:09 UTC". */
    public static String instant(Object t) {
        java.time.Instant i = t instanceof java.sql.Timestamp ts ? ts.toInstant() : (java.time.Instant) t;
        return i == null ? "" : java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC).format(i);
    }

    /** "Monday 2024-07-22". */
    public static String day(java.time.LocalDate d) {
        String w = d.getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH);
        return w + " " + d;
    }
}
