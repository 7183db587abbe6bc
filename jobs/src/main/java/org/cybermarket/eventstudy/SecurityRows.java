package org.cybermarket.eventstudy;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.List;

/**
 * The per-security outputs of the kernel's studies, as rows of {@code es_security_days}, {@code es_security_windows}
 * and {@code es_exclusions} (columns and meanings: docs/data-dictionary.md). Dates are days since 1970-01-01 here;
 * missing values (NaN in the kernel) are null.
 */
final class SecurityRows {
    private SecurityRows() {}

    private static StructType security() {
        return new StructType().add("event_id", DataTypes.StringType).add("market", DataTypes.StringType)
                .add("region", DataTypes.StringType).add("industry", DataTypes.StringType).add("symbol", DataTypes.StringType);
    }

    static final StructType DAYS = security().add("event_day_offset", DataTypes.IntegerType).add("trade_date", DataTypes.IntegerType)
            .add("simple_return", DataTypes.DoubleType).add("market_return", DataTypes.DoubleType)
            .add("expected_return", DataTypes.DoubleType).add("abnormal_return", DataTypes.DoubleType)
            .add("prediction_error_factor", DataTypes.DoubleType).add("standardized_ar", DataTypes.DoubleType)
            .add("car_to_date", DataTypes.DoubleType);

    static final StructType WINDOWS = security().add("car_window", DataTypes.StringType).add("window_start", DataTypes.IntegerType)
            .add("window_end", DataTypes.IntegerType).add("days", DataTypes.LongType).add("first_date", DataTypes.IntegerType)
            .add("last_date", DataTypes.IntegerType).add("car", DataTypes.DoubleType).add("scar", DataTypes.DoubleType)
            .add("bhar", DataTypes.DoubleType).add("estimation_days", DataTypes.LongType).add("alpha", DataTypes.DoubleType)
            .add("beta", DataTypes.DoubleType).add("beta_smb", DataTypes.DoubleType).add("beta_hml", DataTypes.DoubleType)
            .add("beta_mom", DataTypes.DoubleType).add("residual_sd", DataTypes.DoubleType).add("r_squared", DataTypes.DoubleType);

    static final StructType EXCLUSIONS = security().add("reason_code", DataTypes.StringType).add("detail", DataTypes.StringType)
            .add("estimation_days", DataTypes.LongType);

    private static Double value(double v) {
        return Double.isNaN(v) ? null : v;
    }

    /** The event-window days of an included study. */
    static void days(SecurityKernel.Study st, List<Row> out) {
        SecuritySeries s = st.security;
        for (int i = 0; i < st.eventDays; i++) {
            out.add(RowFactory.create(st.eventId(), s.market, s.region, s.industry, s.symbol, st.offset[i], st.date[i], st.r[i],
                    value(st.rm[i]), value(st.expected[i]), value(st.ar[i]), value(st.c[i]), value(st.sar[i]), st.carToDate[i]));
        }
    }

    /** The CAR windows of an included study that hold at least one AR, with the model's parameters. */
    static void windows(SecurityKernel kernel, SecurityKernel.Study st, List<Row> out) {
        SecuritySeries s = st.security;
        NormalReturnModel.Fit f = st.fit;
        for (int w = 0; w < kernel.windowNames.length; w++) {
            SecurityKernel.Window win = st.window(w);
            if (win.days == 0) continue;
            out.add(RowFactory.create(st.eventId(), s.market, s.region, s.industry, s.symbol, kernel.windowNames[w], kernel.windowStart[w],
                    kernel.windowEnd[w], win.days, win.firstDate, win.lastDate, win.car, win.scar, win.bhar, st.estimationDays,
                    f.alpha(), f.slope(0), f.slope(1), f.slope(2), f.slope(3), st.residualSd, st.rSquared));
        }
    }

    /** The exclusion of a study left out. */
    static Row exclusion(SecurityKernel kernel, SecurityKernel.Study st) {
        SecuritySeries s = st.security;
        return RowFactory.create(st.eventId(), s.market, s.region, s.industry, s.symbol, st.exclusion.name(),
                st.exclusion.detail(st.estimationDays, kernel.minEstimationDays), st.estimationDays);
    }
}
