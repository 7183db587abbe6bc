package org.cybermarket.eventstudy;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

import static org.apache.spark.sql.functions.udf;

/**
 * Two-sided p-values. Spark has no distribution functions, so these are UDFs; they run only on the aggregated
 * statistics (one row per group and day), never on the per-security rows.
 */
public final class PValues {
    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

    private PValues() {}

    public static double normalTwoSided(double z) {
        return 2 * NORMAL.cumulativeProbability(-Math.abs(z));
    }

    public static double studentTwoSided(double t, double df) {
        return 2 * new TDistribution(null, df).cumulativeProbability(-Math.abs(t));
    }

    private static final UserDefinedFunction NORMAL_P = udf(
            (UDF1<Double, Double>) z -> z == null || z.isNaN() || z.isInfinite() ? null : normalTwoSided(z), DataTypes.DoubleType);

    private static final UserDefinedFunction STUDENT_P = udf(
            (UDF2<Double, Double, Double>) (t, df) -> t == null || df == null || df < 1 || t.isNaN() || t.isInfinite() ? null
                    : studentTwoSided(t, df), DataTypes.DoubleType);

    public static Column normal(Column z) {
        return NORMAL_P.apply(z);
    }

    public static Column student(Column t, Column df) {
        return STUDENT_P.apply(t, df.cast("double"));
    }
}
