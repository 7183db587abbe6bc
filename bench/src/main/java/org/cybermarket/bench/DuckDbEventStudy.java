package org.cybermarket.bench;

import org.cybermarket.config.EventStudySettings;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The baseline a researcher with one machine would write: the same market-model event study in DuckDB SQL over
 * the same Parquet files. Estimation and event windows are equi-joins on (market, day_index) with the window days
 * listed per event; OLS by DuckDB's regr_* aggregates; groups by GROUPING SETS. Results are written as Parquet, as
 * the project writes its own. Only what both compute is compared: AR, SAR, CAR, SCAR, AAR, CAAR, the
 * cross-sectional t and BMP.
 */
final class DuckDbEventStudy {
    static final String GROUPING = "GROUPING SETS ((event_id, market, industry, %1$s), (event_id, market, %1$s), (event_id, industry, %1$s), (event_id, %1$s))";

    private DuckDbEventStudy() {}

    /** Runs the baseline on {@code data} (returns/, securities/, event_days/) and writes its tables under {@code out}. */
    static void run(Connection c, Path data, Path out, EventStudySettings s, String benchmark) throws SQLException {
        int estStart = s.estimation().get(0), estEnd = s.estimation().get(1), evStart = s.event().get(0), evEnd = s.event().get(1);
        String windows = s.carWindows().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(w -> "('" + w.getKey() + "', " + w.getValue().get(0) + ", " + w.getValue().get(1) + ")").collect(Collectors.joining(", "));
        exec(c, "CREATE OR REPLACE VIEW r AS SELECT market, symbol, day_index, simple_return FROM read_parquet('" + data.resolve("returns") + "/*.parquet')"
                + " WHERE on_calendar AND simple_return IS NOT NULL");
        exec(c, "CREATE OR REPLACE TEMP TABLE sec AS SELECT symbol, market, industry FROM read_parquet('" + data.resolve("securities") + "/*.parquet') WHERE kind <> 'index'");
        exec(c, "CREATE OR REPLACE TEMP TABLE ev AS SELECT event_id, market, day0_index FROM read_parquet('" + data.resolve("event_days") + "/*.parquet')");
        exec(c, "CREATE OR REPLACE TEMP TABLE m AS SELECT market, day_index, simple_return AS rm FROM r WHERE symbol = '" + benchmark + "'");
        exec(c, "CREATE OR REPLACE TEMP TABLE params AS "
                + "WITH w AS (SELECT event_id, market, day0_index + o AS day_index FROM ev, range(" + estStart + ", " + (estEnd + 1) + ") t(o)) "
                + "SELECT w.event_id, r.symbol, count(*) AS l, regr_slope(r.simple_return, m.rm) AS beta, regr_intercept(r.simple_return, m.rm) AS alpha, "
                + "avg(m.rm) AS mean_rm, regr_sxx(r.simple_return, m.rm) AS sxx, "
                + "sqrt((regr_syy(r.simple_return, m.rm) - regr_sxy(r.simple_return, m.rm) ^ 2 / regr_sxx(r.simple_return, m.rm)) / (count(*) - 1)) AS s "
                + "FROM r JOIN sec USING (market, symbol) JOIN w USING (market, day_index) JOIN m USING (market, day_index) "
                + "GROUP BY w.event_id, r.symbol HAVING count(*) >= " + s.minEstimationDays());
        exec(c, "CREATE OR REPLACE TEMP TABLE ar AS "
                + "WITH w AS (SELECT event_id, market, day0_index + o AS day_index, o AS event_day_offset FROM ev, range(" + evStart + ", " + (evEnd + 1) + ") t(o)) "
                + "SELECT w.event_id, r.symbol, r.market, sec.industry, w.event_day_offset, "
                + "r.simple_return - p.alpha - p.beta * m.rm AS abnormal_return, "
                + "(r.simple_return - p.alpha - p.beta * m.rm) / (p.s * sqrt(1 + 1.0 / p.l + (m.rm - p.mean_rm) ^ 2 / p.sxx)) AS standardized_ar "
                + "FROM r JOIN sec USING (market, symbol) JOIN w USING (market, day_index) JOIN m USING (market, day_index) "
                + "JOIN params p ON p.event_id = w.event_id AND p.symbol = r.symbol");
        exec(c, "CREATE OR REPLACE TEMP TABLE gd AS SELECT event_id, coalesce(market, 'ALL') AS group_market, coalesce(industry, 'ALL') AS group_industry, "
                + "event_day_offset, count(*) AS n_securities, avg(abnormal_return) AS aar, "
                + "avg(abnormal_return) / (stddev_samp(abnormal_return) / sqrt(count(*))) AS t_cs, "
                + "avg(standardized_ar) / (stddev_samp(standardized_ar) / sqrt(count(*))) AS bmp "
                + "FROM ar GROUP BY " + String.format(GROUPING, "event_day_offset"));
        exec(c, "CREATE OR REPLACE TEMP TABLE sw AS SELECT a.event_id, a.symbol, a.market, a.industry, w.car_window, "
                + "sum(a.abnormal_return) AS car, sum(a.standardized_ar) / sqrt(count(*)) AS scar "
                + "FROM ar a JOIN (VALUES " + windows + ") w(car_window, lo, hi) ON a.event_day_offset BETWEEN w.lo AND w.hi "
                + "GROUP BY a.event_id, a.symbol, a.market, a.industry, w.car_window");
        exec(c, "CREATE OR REPLACE TEMP TABLE gw AS SELECT event_id, coalesce(market, 'ALL') AS group_market, coalesce(industry, 'ALL') AS group_industry, "
                + "car_window, count(*) AS n_securities, avg(car) AS caar, avg(car) / (stddev_samp(car) / sqrt(count(*))) AS t_cs, "
                + "avg(scar) / (stddev_samp(scar) / sqrt(count(*))) AS bmp FROM sw GROUP BY " + String.format(GROUPING, "car_window"));
        for (String t : List.of("ar", "sw", "gd", "gw")) {
            exec(c, "COPY " + t + " TO '" + out.resolve(t + ".parquet") + "' (FORMAT parquet, COMPRESSION snappy)");
        }
    }

    /** One comparison: rows on one side only, and the largest difference relative to max(1, |baseline|). */
    record Agreement(String what, long rows, long unmatched, double maxRelativeDiff) {
        boolean ok(double tolerance) {
            return unmatched == 0 && rows > 0 && maxRelativeDiff <= tolerance;
        }
    }

    /** Compares the project's es_* datasets under {@code project} with the baseline's tables. */
    static List<Agreement> compare(Connection c, Path project) throws SQLException {
        return List.of(
                compare(c, "AR, SAR per security-day", project.resolve("es_security_days"), "ar", "event_id, symbol, event_day_offset",
                        List.of("abnormal_return", "standardized_ar")),
                compare(c, "CAR, SCAR per security-window", project.resolve("es_security_windows"), "sw", "event_id, symbol, car_window",
                        List.of("car", "scar")),
                compare(c, "AAR, t, BMP per group-day", project.resolve("es_group_days"), "gd", "event_id, group_market, group_industry, event_day_offset",
                        List.of("aar", "t_cs", "bmp", "n_securities")),
                compare(c, "CAAR, t, BMP per group-window", project.resolve("es_group_windows"), "gw", "event_id, group_market, group_industry, car_window",
                        List.of("caar", "t_cs", "bmp", "n_securities")));
    }

    private static Agreement compare(Connection c, String what, Path dataset, String table, String keys, List<String> values) throws SQLException {
        String diffs = values.stream().map(v -> "coalesce(max(abs(p." + v + " - d." + v + ") / greatest(1, abs(d." + v + "))), 0)")
                .collect(Collectors.joining(", "));
        String sql = "SELECT count(*), count(*) FILTER (WHERE p._in IS NULL OR d._in IS NULL), greatest(" + diffs + ") FROM "
                + "(SELECT *, 1 AS _in FROM read_parquet('" + dataset + "/*/*.parquet', hive_partitioning = true)) p "
                + "FULL OUTER JOIN (SELECT *, 1 AS _in FROM " + table + ") d USING (" + keys + ")";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return new Agreement(what, rs.getLong(1), rs.getLong(2), rs.getDouble(3));
        }
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
