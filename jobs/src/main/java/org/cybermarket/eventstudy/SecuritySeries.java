package org.cybermarket.eventstudy;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * One security as the kernel reads it: its returns on its market's trading days, densely by day index (NaN: no
 * return that day), each day's date, and the studies asked of it (one request per event: the event and that
 * security's day 0, which need not be any other security's). {@code leftOutOfEstimation} holds the days that may not
 * be used to estimate the model (flagged days, {@code event_study.exclude_from_estimation}), by offset from firstDay.
 */
final class SecuritySeries {
    /** The row form, as the plan brings the security's rows and requests together (once) and keeps them. */
    static final StructType SCHEMA = new StructType()
            .add("market", DataTypes.StringType).add("symbol", DataTypes.StringType)
            .add("region", DataTypes.StringType).add("industry", DataTypes.StringType)
            .add("first_day", DataTypes.IntegerType)
            .add("simple_return", DataTypes.BinaryType).add("trade_date", DataTypes.BinaryType) // {@link Packed}
            .add("event_id", DataTypes.createArrayType(DataTypes.StringType, false))
            .add("day0_index", DataTypes.createArrayType(DataTypes.IntegerType, false))
            .add("left_out", DataTypes.BinaryType); // offsets from first_day left out of estimation, {@link Packed}

    final String market, symbol, region, industry;
    final int firstDay;
    final double[] returns;
    final int[] dates;
    final String[] eventIds;
    final int[] day0s;
    final BitSet leftOutOfEstimation;

    SecuritySeries(String market, String symbol, String region, String industry, int firstDay, double[] returns, int[] dates,
                   String[] eventIds, int[] day0s, BitSet leftOutOfEstimation) {
        this.market = market;
        this.symbol = symbol;
        this.region = region;
        this.industry = industry;
        this.firstDay = firstDay;
        this.returns = returns;
        this.dates = dates;
        this.eventIds = eventIds;
        this.day0s = day0s;
        this.leftOutOfEstimation = leftOutOfEstimation;
    }

    static SecuritySeries of(Row r) {
        List<String> events = r.getList(7);
        List<Integer> day0 = r.getList(8);
        int[] day0s = new int[day0.size()];
        for (int i = 0; i < day0s.length; i++) day0s[i] = day0.get(i);
        BitSet leftOut = new BitSet();
        for (int offset : Packed.ints((byte[]) r.get(9))) leftOut.set(offset);
        return new SecuritySeries(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getInt(4), Packed.doubles((byte[]) r.get(5)),
                Packed.ints((byte[]) r.get(6)),
                events.toArray(String[]::new), day0s, leftOut);
    }

    /** The row form: day0s and event ids as arrays (a few per security), the daily values {@link Packed}. */
    Row toRow() {
        Integer[] day0 = new Integer[day0s.length];
        for (int i = 0; i < day0s.length; i++) day0[i] = day0s[i];
        int[] left = leftOutOfEstimation.stream().toArray();
        return org.apache.spark.sql.RowFactory.create(market, symbol, region, industry, firstDay, Packed.doubles(returns, returns.length),
                Packed.ints(dates, dates.length), eventIds, day0, Packed.ints(left, left.length));
    }

    /** Number of requests (events) for this security. */
    int requests() {
        return eventIds.length;
    }

    /** True when the security has a return on day index {@code day}. */
    boolean has(int day) {
        int i = day - firstDay;
        return i >= 0 && i < returns.length && !Double.isNaN(returns[i]);
    }

    double r(int day) {
        return returns[day - firstDay];
    }

    /** The date of a day the security has a return on (days since 1970-01-01). */
    int date(int day) {
        return dates[day - firstDay];
    }

    /** False on a day left out of the estimation (a flagged day, when the config asks for it). */
    boolean usableForEstimation(int day) {
        return !leftOutOfEstimation.get(day - firstDay);
    }

    @Override
    public String toString() {
        return market + "/" + symbol + " from day " + firstDay + ", " + returns.length + " days, events " + Arrays.toString(eventIds);
    }
}
