package org.cybermarket.eventstudy;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.cybermarket.eventstudy.Statistic.Levels.BOTH;
import static org.cybermarket.eventstudy.Statistic.Levels.DAY;
import static org.cybermarket.eventstudy.Statistic.Levels.WINDOW;
import static org.cybermarket.eventstudy.Statistic.NORMAL;
import static org.cybermarket.eventstudy.Statistic.SIGNED_RANK;
import static org.cybermarket.eventstudy.Statistic.STUDENT_LP_MINUS_1;
import static org.cybermarket.eventstudy.Statistic.STUDENT_MEAN_L_MINUS_1;
import static org.cybermarket.eventstudy.Statistic.STUDENT_N_MINUS_1;
import static org.cybermarket.eventstudy.Statistic.div;
import static org.cybermarket.eventstudy.Statistic.mul;
import static org.cybermarket.eventstudy.Statistic.sqrt;
import static org.cybermarket.eventstudy.Statistic.sub;

/**
 * The columns of {@code es_group_days} and {@code es_group_windows} after their keys, in order: facts about the group
 * and the test statistics (definitions: ../shared/METHODOLOGY.md), each written once with the levels it applies to.
 * A new test statistic is one more {@link Statistic} here (and, if it needs new sums, a field in {@link GroupSums}).
 */
final class GroupColumns {
    private GroupColumns() {}

    /** A fact column: its name on each level (null: not on that level), type and value. */
    record Fact(String dayName, String windowName, DataType type, Function<GroupView, Object> value) {}

    static Fact fact(String name, Statistic.Levels levels, DataType type, Function<GroupView, Object> value) {
        return new Fact(levels.day() ? name : null, levels.window() ? name : null, type, value);
    }

    private static final DataType D = DataTypes.DoubleType, L = DataTypes.LongType;

    /** Facts ({@link Fact}) and statistics ({@link Statistic}: a value and a p-value column) in output order. */
    static final List<Object> ALL = List.of(
            fact("n_securities", BOTH, L, GroupView::n),
            new Fact("aar", "caar", D, GroupView::meanX),
            fact("caar_to_date", DAY, D, g -> null), // filled in by GroupStatistics: a running sum over the group's days
            new Fact("sd_ar", "sd_car", D, GroupView::sdX),
            fact("mean_bhar", WINDOW, D, GroupView::meanBhar),
            fact("n_positive", BOTH, L, GroupView::positive),
            fact("days", WINDOW, L, GroupView::days),
            fact("mean_estimation_days", DAY, D, GroupView::meanEstimationDays),
            fact("days_aar_estimation", BOTH, L, GroupView::aarEstimationDays),
            new Statistic("t_cs", "p_t_cs", BOTH, g -> div(g.meanX(), div(g.sdX(), Math.sqrt(g.n()))), STUDENT_N_MINUS_1),
            new Statistic("bw1980", "p_bw1980", DAY, g -> div(g.meanX(), Math.sqrt(g.sumS2()) / g.n()), STUDENT_MEAN_L_MINUS_1),
            // On a window the CAAR over S_p sqrt(D_W): var(CAAR) sums var(AAR) over the days that enter the cumulation.
            new Statistic("bw1985", "p_bw1985", BOTH, g -> div(g.meanX(), mul(g.sdAarEstimation(), Math.sqrt(g.days()))), STUDENT_LP_MINUS_1),
            // Lamb (1995): a day's AAR / (S_p sqrt(C_pt)); on a window the sum of the daily statistics over sqrt(D_W).
            new Statistic("lamb", "p_lamb", BOTH, g -> div(g.lambSum(), mul(g.sdAarEstimation(), Math.sqrt(g.days()))), STUDENT_LP_MINUS_1),
            new Statistic("patell", "p_patell", BOTH, g -> div(g.sumZ(), Math.sqrt(g.patellVar())), NORMAL),
            new Statistic("bmp", "p_bmp", BOTH, GroupColumns::bmp, STUDENT_N_MINUS_1),
            fact("rbar", BOTH, D, GroupView::rbar),
            fact("rbar_pairs", DAY, L, GroupView::rbarPairs),
            new Statistic("kp", "p_kp", BOTH, g -> mul(bmp(g), sqrt(div(sub(1.0, g.rbar()), 1 + (g.n() - 1) * nan(g.rbar())))),
                    STUDENT_N_MINUS_1),
            new Statistic("sign_z", "p_sign", BOTH, g -> (g.positive() - g.n() / 2.0) / Math.sqrt(g.n() / 4.0), NORMAL),
            fact("positive_share_estimation", DAY, D, GroupView::positiveShare),
            new Statistic("gen_sign_z", "p_gen_sign", BOTH, g -> {
                Double p = g.positiveShare();
                return p == null ? null : div(g.positive() - g.n() * p, Math.sqrt(g.n() * p * (1 - p)));
            }, NORMAL),
            new Statistic("corrado", "p_corrado", DAY, g -> div(g.corradoU(), g.corradoSk()), NORMAL),
            new Statistic("cz_sign", "p_cz_sign", DAY, g -> div(g.czSign(), g.czScale()), NORMAL),
            // Campbell-Wasley (1993): u_t / S_U on a day; on a window the CAR rank test, sum of u_t / (sqrt(D_W) S_U).
            new Statistic("modified_rank", "p_modified_rank", "car_rank", "p_car_rank", BOTH,
                    g -> div(g.rankSum(), mul(g.rankScale(), Math.sqrt(g.days()))), NORMAL),
            fact("wilcoxon_n", DAY, L, g -> g.wilcoxon() == null ? null : g.wilcoxon().n()),
            fact("wilcoxon_w_plus", DAY, D, g -> g.wilcoxon() == null ? null : g.wilcoxon().wPlus()),
            new Statistic("wilcoxon_z", "p_wilcoxon", DAY, g -> g.wilcoxon() == null ? null : g.wilcoxon().z(), SIGNED_RANK),
            fact("sd_aar_estimation", DAY, D, GroupView::sdAarEstimation));

    /** Boehmer-Musumeci-Poulsen: mean SAR over its cross-sectional standard error (N: securities with an AR). */
    static Double bmp(GroupView g) {
        return div(g.meanZ(), div(g.sdZ(), Math.sqrt(g.n())));
    }

    /** rbar for the arithmetic of KP's denominator: null stays null (the sqrt then gives null). */
    private static double nan(Double v) {
        return v == null ? Double.NaN : v;
    }

    /** The output fields of a level after its keys, with the {@code model} column last. */
    static StructType fields(StructType keys, boolean day) {
        StructType t = keys;
        for (Object c : ALL) {
            if (c instanceof Fact f) {
                String name = day ? f.dayName() : f.windowName();
                if (name != null) t = t.add(name, f.type());
            } else if (c instanceof Statistic s && (day ? s.levels().day() : s.levels().window())) {
                t = t.add(s.column(day), D).add(s.pColumn(day), D);
            }
        }
        return t.add("model", DataTypes.StringType);
    }

    /** The values of {@link #fields} after the keys, for one group on one day or window. */
    static List<Object> values(GroupView g, boolean day, Double caarToDate, String model) {
        List<Object> out = new ArrayList<>();
        for (Object c : ALL) {
            if (c instanceof Fact f) {
                String name = day ? f.dayName() : f.windowName();
                if (name == null) continue;
                out.add(name.equals("caar_to_date") ? caarToDate : f.value().apply(g));
            } else if (c instanceof Statistic s && (day ? s.levels().day() : s.levels().window())) {
                Double v = s.value().apply(g);
                out.add(v);
                out.add(s.distribution().twoSided(v, g));
            }
        }
        out.add(model);
        return out;
    }
}
