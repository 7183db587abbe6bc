package org.cybermarket.eventstudy;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cybermarket.config.EventStudySettings;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.*;
import static org.cybermarket.schema.Cols.keys;

/**
 * Test statistics per group (event x market x industry, with ALL for either) and day, and per group and CAR
 * window, exactly as defined in ../shared/METHODOLOGY.md. Two-sided p-values: Student t with N - 1 degrees
 * of freedom for the cross-sectional t, BMP and KP; standard normal otherwise.
 */
public final class GroupTests {
    static final String[] GROUP = {"event_id", "group_market", "group_industry"};

    private GroupTests() {}

    /** Each row four times: (market, industry), (market, ALL), (ALL, industry), (ALL, ALL). */
    static Dataset<Row> withGroups(Dataset<Row> df) {
        Column groups = array(
                struct(col("market").as("m"), col("industry").as("i")), struct(col("market").as("m"), lit(EventStudy.ALL).as("i")),
                struct(lit(EventStudy.ALL).as("m"), col("industry").as("i")), struct(lit(EventStudy.ALL).as("m"), lit(EventStudy.ALL).as("i")));
        return df.withColumn("_g", explode(groups))
                .withColumn("group_market", col("_g.m")).withColumn("group_industry", col("_g.i")).drop("_g");
    }

    /**
     * Per group, from the estimation window: sd of the group's AAR over estimation days (Brown-Warner 1985), the
     * pooled share of positive ARs (generalized sign), and rbar, the mean pairwise correlation of the members'
     * ARs over common days (Kolari-Pynnonen; in one pass when every member has the same days, else pairwise for
     * groups up to the limit).
     */
    static Dataset<Row> estimationMoments(Dataset<Row> included) {
        Dataset<Row> est = withGroups(included.filter(col("phase").equalTo("estimation").and(col("abnormal_return").isNotNull())));
        Dataset<Row> aarEst = est.groupBy("event_id", "group_market", "group_industry", "event_day_offset")
                .agg(avg("abnormal_return").as("aar"))
                .groupBy(GROUP[0], GROUP[1], GROUP[2]).agg(stddev_samp("aar").as("sd_aar_estimation"));
        Dataset<Row> pooled = est.groupBy(GROUP[0], GROUP[1], GROUP[2])
                .agg(avg(when(col("abnormal_return").gt(0), 1.0).otherwise(0.0)).as("positive_share_estimation"),
                        countDistinct("symbol").as("_members"));

        Dataset<Row> rbarComplete = rbarOnePass(est);

        // Other groups: every pair over its common days, up to the size limit.
        Dataset<Row> small = pooled.filter(col("_members").leq(EventStudy.KP_PAIRWISE_LIMIT)).select(GROUP[0], GROUP[1], GROUP[2])
                .join(rbarComplete.select(GROUP[0], GROUP[1], GROUP[2]), keys(GROUP), "left_anti");
        Dataset<Row> a = est.join(small, keys(GROUP), "left_semi")
                .select(col("event_id"), col("group_market"), col("group_industry"), col("event_day_offset"),
                        col("symbol").as("sym_a"), col("abnormal_return").as("ar_a"));
        Dataset<Row> b = a.withColumnRenamed("sym_a", "sym_b").withColumnRenamed("ar_a", "ar_b");
        Dataset<Row> rbarPairwise = a.join(b, keys("event_id", "group_market", "group_industry", "event_day_offset"), "inner")
                .filter(col("sym_a").lt(col("sym_b")))
                .groupBy("event_id", "group_market", "group_industry", "sym_a", "sym_b").agg(corr("ar_a", "ar_b").as("rho"))
                .filter(col("rho").isNotNull().and(not(isnan(col("rho")))))
                .groupBy(GROUP[0], GROUP[1], GROUP[2]).agg(avg("rho").as("rbar"), count(lit(1)).as("rbar_pairs"));
        Dataset<Row> rbar = rbarComplete.unionByName(rbarPairwise);
        return pooled.join(aarEst, keys(GROUP), "left").join(rbar, keys(GROUP), "left").drop("_members");
    }

    /**
     * rbar for the groups whose members all have the same estimation days (and a non-zero sd), in one pass: with z
     * the ARs standardised per security, sum_t (sum_i z_it)^2 = (T - 1)(N + sum_{i != j} r_ij), so
     * rbar = (sum_t S_t^2 / (T - 1) - N) / (N (N - 1)): O(N T) instead of O(N^2 T). Other groups get no row.
     *
     * @param est estimation-window rows with groups: event_id, group_market, group_industry, symbol, event_day_offset, abnormal_return
     */
    static Dataset<Row> rbarOnePass(Dataset<Row> est) {
        Dataset<Row> perMember = est.groupBy("event_id", "group_market", "group_industry", "symbol")
                .agg(count(lit(1)).as("_t"), avg("abnormal_return").as("_mean"), stddev_samp("abnormal_return").as("_sd"));
        Dataset<Row> days = est.groupBy(GROUP[0], GROUP[1], GROUP[2]).agg(countDistinct("event_day_offset").as("_days"));
        // Each member has as many rows as the group has distinct days: every member has every day.
        Dataset<Row> complete = perMember.groupBy(GROUP[0], GROUP[1], GROUP[2]).agg(count(lit(1)).as("_members"),
                        min("_t").as("_tmin"), max("_t").as("_tmax"),
                        sum(when(col("_sd").isNull().or(col("_sd").equalTo(0)), 1).otherwise(0)).as("_degenerate"))
                .join(days, keys(GROUP), "inner")
                .filter(col("_tmin").equalTo(col("_days")).and(col("_tmax").equalTo(col("_days"))).and(col("_degenerate").equalTo(0))
                        .and(col("_members").geq(2)).and(col("_days").geq(3)))
                .select(GROUP[0], GROUP[1], GROUP[2], "_members", "_days");
        return est.join(complete.select(GROUP[0], GROUP[1], GROUP[2]), keys(GROUP), "left_semi")
                .join(perMember, keys("event_id", "group_market", "group_industry", "symbol"), "inner")
                .groupBy("event_id", "group_market", "group_industry", "event_day_offset")
                .agg(sum(col("abnormal_return").minus(col("_mean")).divide(col("_sd"))).as("_s"))
                .groupBy(GROUP[0], GROUP[1], GROUP[2]).agg(sum(pow(col("_s"), 2)).as("_ss"))
                .join(complete, keys(GROUP), "inner")
                .select(col("event_id"), col("group_market"), col("group_industry"),
                        col("_ss").divide(col("_days").minus(1)).minus(col("_members"))
                                .divide(col("_members").multiply(col("_members").minus(1))).as("rbar"),
                        col("_members").multiply(col("_members").minus(1)).divide(2).cast("long").as("rbar_pairs"));
    }

    /** Corrado (1989) rank deviations: per group, U_t on every day and S_K over all estimation and event days. */
    static Dataset<Row> corrado(Dataset<Row> included) {
        Dataset<Row> withAr = included.filter(col("abnormal_return").isNotNull());
        WindowSpec bySecurity = Window.partitionBy("event_id", "symbol");
        WindowSpec ordered = bySecurity.orderBy("abnormal_return");
        WindowSpec ties = Window.partitionBy("event_id", "symbol", "abnormal_return");
        Dataset<Row> ranked = withAr
                .withColumn("_rank", rank().over(ordered).plus(count(lit(1)).over(ties).minus(1).divide(2.0)))
                .withColumn("_t", count(lit(1)).over(bySecurity))
                .withColumn("_dev", col("_rank").minus(col("_t").plus(1).divide(2.0)));
        Dataset<Row> u = withGroups(ranked).groupBy("event_id", "group_market", "group_industry", "event_day_offset", "phase")
                .agg(avg("_dev").as("corrado_u"));
        Dataset<Row> sk = u.groupBy(GROUP[0], GROUP[1], GROUP[2]).agg(sqrt(avg(pow(col("corrado_u"), 2))).as("corrado_sk"));
        return u.filter(col("phase").equalTo("event")).drop("phase").join(sk, keys(GROUP), "inner");
    }

    /** The estimation-window moments when they are not computed (tests: parametric): no rows, so every join gives nulls. */
    static Dataset<Row> noEstimationMoments(SparkSession spark) {
        return spark.createDataFrame(List.of(), new StructType().add("event_id", DataTypes.StringType)
                .add("group_market", DataTypes.StringType).add("group_industry", DataTypes.StringType)
                .add("positive_share_estimation", DataTypes.DoubleType).add("sd_aar_estimation", DataTypes.DoubleType)
                .add("rbar", DataTypes.DoubleType).add("rbar_pairs", DataTypes.LongType));
    }

    /** Corrado's statistics when they are not computed (tests: parametric). */
    static Dataset<Row> noCorrado(SparkSession spark) {
        return spark.createDataFrame(List.of(), new StructType().add("event_id", DataTypes.StringType)
                .add("group_market", DataTypes.StringType).add("group_industry", DataTypes.StringType)
                .add("event_day_offset", DataTypes.IntegerType).add("corrado_u", DataTypes.DoubleType).add("corrado_sk", DataTypes.DoubleType));
    }

    /**
     * A column whose mean and sample standard deviation are wanted per group: per part, {@code <name>_n} (non-null
     * values), {@code <name>_sum} and {@code <name>_m2} (the sum of squared deviations from the part's mean).
     */
    record Moment(String name, Column value) {
        List<Column> parts() {
            return List.of(count(value).as(name + "_n"), sum(value).as(name + "_sum"), var_pop(value).multiply(count(value)).as(name + "_m2"));
        }

        /** The sample standard deviation from the combined parts: null for fewer than two values, as stddev_samp. */
        static Column sd(String name) {
            return sqrt(col(name + "_m2").divide(col(name + "_n").minus(1)));
        }
    }

    /**
     * Statistics per group (the four levels of {@link #withGroups}) and {@code keys}, from one aggregation per
     * (event, market, industry, keys) of {@code rows}. {@code partAggs} are computed per part, {@code combine}
     * merges the parts (sums of counts and sums, min of mins, max of maxes); each {@link Moment}'s parts merge
     * exactly (Chan, Golub and LeVeque): M2 = sum of (M2_k + n_k (mean_k - mean)^2), so no variance is taken as a
     * difference of sums of squares.
     */
    static Dataset<Row> rollUp(Dataset<Row> rows, List<String> keys, List<Column> partAggs, List<Column> combine, List<Moment> moments) {
        List<Column> first = new ArrayList<>(partAggs);
        for (Moment m : moments) first.addAll(m.parts());
        List<Column> fineKeys = new ArrayList<>(List.of(col("event_id"), col("market"), col("industry")));
        List<Column> groupKeys = new ArrayList<>(List.of(col("event_id"), col("group_market"), col("group_industry")));
        for (String k : keys) {
            fineKeys.add(col(k));
            groupKeys.add(col(k));
        }
        Dataset<Row> parts = withGroups(rows.groupBy(fineKeys.toArray(Column[]::new)).agg(first.get(0), first.subList(1, first.size()).toArray(Column[]::new)));
        WindowSpec group = Window.partitionBy(groupKeys.toArray(Column[]::new));
        List<Column> merged = new ArrayList<>(combine);
        for (Moment m : moments) {
            String p = m.name();
            parts = parts.withColumn(p + "_mean", sum(p + "_sum").over(group).divide(sum(p + "_n").over(group)));
            merged.addAll(List.of(sum(p + "_n").as(p + "_n"), sum(p + "_sum").as(p + "_sum"),
                    sum(col(p + "_m2").plus(col(p + "_n").multiply(pow(col(p + "_sum").divide(col(p + "_n")).minus(col(p + "_mean")), 2)))).as(p + "_m2")));
        }
        return parts.groupBy(groupKeys.toArray(Column[]::new)).agg(merged.get(0), merged.subList(1, merged.size()).toArray(Column[]::new));
    }

    /**
     * @param includedEvent event-window rows of the included securities, with AR and SAR
     * @param withRanks     false skips the Wilcoxon ranks (tests: parametric)
     */
    public static Dataset<Row> days(Dataset<Row> includedEvent, Dataset<Row> moments, Dataset<Row> corrado, String model, boolean withRanks) {
        Dataset<Row> ev = includedEvent.filter(col("abnormal_return").isNotNull());
        // One aggregation per (event, market, industry, day) of the 5.5 million AR rows at 5,000 x 100, then the four
        // group levels from those few thousand partial rows (rollUp), instead of aggregating every row four times.
        Column sar = col("standardized_ar");
        Dataset<Row> agg = rollUp(ev, List.of("event_day_offset"), List.of(
                        min("trade_date").as("first_date"), max("trade_date").as("last_date"), count(lit(1)).as("n_securities"),
                        sum(pow(col("residual_sd"), 2)).as("_sum_s2"), sum(when(col("abnormal_return").gt(0), 1).otherwise(0)).as("n_positive"),
                        sum(col("estimation_days").minus(2).divide(col("estimation_days").minus(4))).as("_patell_var")),
                        List.of(min("first_date").as("first_date"), max("last_date").as("last_date"), sum("n_securities").as("n_securities"),
                                sum("_sum_s2").as("_sum_s2"), sum("n_positive").as("n_positive"), sum("_patell_var").as("_patell_var")),
                        List.of(new Moment("_ar", col("abnormal_return")), new Moment("_sar", sar)))
                .withColumn("aar", col("_ar_sum").divide(col("_ar_n"))).withColumn("sd_ar", Moment.sd("_ar"))
                .withColumn("_sum_sar", col("_sar_sum")).withColumn("_mean_sar", col("_sar_sum").divide(col("_sar_n")))
                .withColumn("_sd_sar", Moment.sd("_sar"));
        if (withRanks) {
            // Wilcoxon signed rank: average ranks of |AR| within the group and day, so every row of every group level.
            WindowSpec byGroupDay = Window.partitionBy("event_id", "group_market", "group_industry", "event_day_offset");
            Column absAr = abs(col("abnormal_return"));
            Dataset<Row> ranks = withGroups(ev).withColumn("_wrank", rank().over(byGroupDay.orderBy(absAr))
                    .plus(count(lit(1)).over(Window.partitionBy(col("event_id"), col("group_market"), col("group_industry"),
                            col("event_day_offset"), absAr)).minus(1).divide(2.0)))
                    .groupBy("event_id", "group_market", "group_industry", "event_day_offset")
                    .agg(sum(when(col("abnormal_return").gt(0), col("_wrank")).otherwise(0.0)).as("wilcoxon_w_plus"));
            agg = agg.join(ranks, keys("event_id", "group_market", "group_industry", "event_day_offset"), "left");
        } else {
            agg = agg.withColumn("wilcoxon_w_plus", lit(null).cast("double"));
        }
        Column n = col("n_securities");
        Column df = n.minus(1);
        WindowSpec path = Window.partitionBy(GROUP[0], GROUP[1], GROUP[2]).orderBy("event_day_offset")
                .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
        Dataset<Row> out = agg.join(moments, keys(GROUP), "left")
                .join(corrado, keys("event_id", "group_market", "group_industry", "event_day_offset"), "left")
                .withColumn("caar_to_date", sum("aar").over(path))
                .withColumn("t_cs", col("aar").divide(col("sd_ar").divide(sqrt(n))))
                .withColumn("bw1980", col("aar").divide(sqrt(col("_sum_s2")).divide(n)))
                .withColumn("bw1985", col("aar").divide(col("sd_aar_estimation")))
                .withColumn("patell", col("_sum_sar").divide(sqrt(col("_patell_var"))))
                .withColumn("bmp", col("_mean_sar").divide(col("_sd_sar").divide(sqrt(n))))
                .withColumn("kp", col("bmp").multiply(sqrt(lit(1).minus(col("rbar")).divide(lit(1).plus(df.multiply(col("rbar")))))))
                .withColumn("sign_z", col("n_positive").minus(n.divide(2)).divide(sqrt(n.divide(4))))
                .withColumn("gen_sign_z", col("n_positive").minus(n.multiply(col("positive_share_estimation")))
                        .divide(sqrt(n.multiply(col("positive_share_estimation")).multiply(lit(1).minus(col("positive_share_estimation"))))))
                .withColumn("corrado", col("corrado_u").divide(col("corrado_sk")))
                .withColumn("wilcoxon_z", col("wilcoxon_w_plus").minus(n.multiply(n.plus(1)).divide(4))
                        .divide(sqrt(n.multiply(n.plus(1)).multiply(n.multiply(2).plus(1)).divide(24))));
        return out.select(col("event_id"), col("group_market"), col("group_industry"), col("event_day_offset"), col("first_date"),
                col("last_date"), n, col("aar"), col("caar_to_date"), col("sd_ar"), col("n_positive"),
                col("t_cs"), PValues.student(col("t_cs"), df).as("p_t_cs"),
                col("bw1980"), PValues.normal(col("bw1980")).as("p_bw1980"),
                col("bw1985"), PValues.normal(col("bw1985")).as("p_bw1985"),
                col("patell"), PValues.normal(col("patell")).as("p_patell"),
                col("bmp"), PValues.student(col("bmp"), df).as("p_bmp"),
                col("rbar"), col("rbar_pairs"), col("kp"), PValues.student(col("kp"), df).as("p_kp"),
                col("sign_z"), PValues.normal(col("sign_z")).as("p_sign"),
                col("positive_share_estimation"), col("gen_sign_z"), PValues.normal(col("gen_sign_z")).as("p_gen_sign"),
                col("corrado"), PValues.normal(col("corrado")).as("p_corrado"),
                col("wilcoxon_w_plus"), col("wilcoxon_z"), PValues.normal(col("wilcoxon_z")).as("p_wilcoxon"),
                col("sd_aar_estimation"), lit(model).as("model"));
    }

    public static Dataset<Row> windows(Dataset<Row> securityWindows, Dataset<Row> moments, EventStudySettings s) {
        Dataset<Row> agg = rollUp(securityWindows, List.of("car_window", "window_start", "window_end"), List.of(
                        min("first_date").as("first_date"), max("last_date").as("last_date"), count(lit(1)).as("n_securities"),
                        sum("bhar").as("_sum_bhar"), count("bhar").as("_n_bhar"), sum(when(col("car").gt(0), 1).otherwise(0)).as("n_positive"),
                        sum(col("estimation_days").minus(2).divide(col("estimation_days").minus(4))).as("_patell_var")),
                        List.of(min("first_date").as("first_date"), max("last_date").as("last_date"), sum("n_securities").as("n_securities"),
                                sum("_sum_bhar").as("_sum_bhar"), sum("_n_bhar").as("_n_bhar"), sum("n_positive").as("n_positive"),
                                sum("_patell_var").as("_patell_var")),
                        List.of(new Moment("_car", col("car")), new Moment("_scar", col("scar"))))
                .withColumn("caar", col("_car_sum").divide(col("_car_n"))).withColumn("sd_car", Moment.sd("_car"))
                .withColumn("mean_bhar", col("_sum_bhar").divide(col("_n_bhar")))
                .withColumn("_sum_scar", col("_scar_sum")).withColumn("_mean_scar", col("_scar_sum").divide(col("_scar_n")))
                .withColumn("_sd_scar", Moment.sd("_scar"));
        Column n = col("n_securities");
        Column df = n.minus(1);
        Column windowDays = col("window_end").minus(col("window_start")).plus(1);
        Dataset<Row> out = agg.join(moments, keys(GROUP), "left")
                .withColumn("t_cs", col("caar").divide(col("sd_car").divide(sqrt(n))))
                .withColumn("patell", col("_sum_scar").divide(sqrt(col("_patell_var"))))
                .withColumn("bmp", col("_mean_scar").divide(col("_sd_scar").divide(sqrt(n))))
                .withColumn("kp", col("bmp").multiply(sqrt(lit(1).minus(col("rbar")).divide(lit(1).plus(df.multiply(col("rbar")))))))
                .withColumn("bw1985", col("caar").divide(col("sd_aar_estimation").multiply(sqrt(windowDays))))
                .withColumn("sign_z", col("n_positive").minus(n.divide(2)).divide(sqrt(n.divide(4))))
                .withColumn("gen_sign_z", col("n_positive").minus(n.multiply(col("positive_share_estimation")))
                        .divide(sqrt(n.multiply(col("positive_share_estimation")).multiply(lit(1).minus(col("positive_share_estimation"))))));
        return out.select(col("event_id"), col("group_market"), col("group_industry"), col("car_window"), col("window_start"),
                col("window_end"), col("first_date"), col("last_date"), n, col("caar"), col("sd_car"), col("mean_bhar"), col("n_positive"),
                col("t_cs"), PValues.student(col("t_cs"), df).as("p_t_cs"),
                col("patell"), PValues.normal(col("patell")).as("p_patell"),
                col("bmp"), PValues.student(col("bmp"), df).as("p_bmp"),
                col("rbar"), col("kp"), PValues.student(col("kp"), df).as("p_kp"),
                col("bw1985"), PValues.normal(col("bw1985")).as("p_bw1985"),
                col("sign_z"), PValues.normal(col("sign_z")).as("p_sign"),
                col("gen_sign_z"), PValues.normal(col("gen_sign_z")).as("p_gen_sign"),
                lit(s.model()).as("model"));
    }
}
