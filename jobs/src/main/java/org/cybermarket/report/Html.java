package org.cybermarket.report;

import java.util.List;

/** Minimal HTML building with escaping of every untrusted string. */
public final class Html {
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
        StringBuilder b = new StringBuilder("<table><thead><tr>");
        for (String h : header) b.append("<th>").append(esc(h)).append("</th>");
        b.append("</tr></thead><tbody>");
        for (List<Object> r : rows) {
            b.append("<tr>");
            for (Object c : r) b.append(c instanceof Number ? "<td class=\"n\">" : "<td>").append(esc(format(c))).append("</td>");
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

    public static String pct(Double d) {
        return d == null ? "" : String.format(java.util.Locale.ROOT, "%+.2f%%", d * 100);
    }
}
