package org.cybermarket.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Writes the bundled, fully synthetic sample universe: fictional securities on a Shanghai-like (XSHG) and a
 * New-York-like (XNYS) exchange, with each exchange's real 2023-2024 holidays, daily prices, a benchmark per
 * market and a factor file, in the layouts vendors publish (Chinese headers and yyyyMMdd per symbol file;
 * a long US file with MM/dd/yyyy dates; a factor file in percent with a preamble and footer). The same seed
 * always writes the same bytes.
 *
 * <p>Returns follow a one-factor model with an industry factor: {@code r = beta * r_m + f_industry + e}. The
 * event shock is calibrated on the seed facts: on the Shanghai-like market cybersecurity names jump about 4%
 * on Monday 2024-07-22; in New York the vendor at fault (FLCN) falls 11.1% on 2024-07-19.
 */
public final class SampleUniverse {
    public static final long DEFAULT_SEED = 20240719L;
    public static final LocalDate FIRST = LocalDate.of(2023, 1, 1);
    public static final LocalDate LAST = LocalDate.of(2024, 12, 31);
    public static final LocalDate CN_SHOCK_DAY = LocalDate.of(2024, 7, 22);
    public static final LocalDate US_SHOCK_DAY = LocalDate.of(2024, 7, 19);
    public static final String US_VENDOR = "FLCN";
    public static final List<String> INDUSTRIES = List.of("Cybersecurity", "Software", "Banks", "Energy", "Semiconductors",
            "Pharmaceuticals", "Food and Beverage", "Utilities", "Telecom Services");

    /** SSE holidays 2023-2024 (weekdays without trading), as announced by the exchange. */
    static final Set<LocalDate> CN_HOLIDAYS = dates("2023-01-02", "2023-01-23", "2023-01-24", "2023-01-25", "2023-01-26",
            "2023-01-27", "2023-04-05", "2023-05-01", "2023-05-02", "2023-05-03", "2023-06-22", "2023-06-23", "2023-09-29",
            "2023-10-02", "2023-10-03", "2023-10-04", "2023-10-05", "2023-10-06", "2024-01-01", "2024-02-09", "2024-02-12",
            "2024-02-13", "2024-02-14", "2024-02-15", "2024-02-16", "2024-04-04", "2024-04-05", "2024-05-01", "2024-05-02",
            "2024-05-03", "2024-06-10", "2024-09-16", "2024-09-17", "2024-10-01", "2024-10-02", "2024-10-03", "2024-10-04",
            "2024-10-07");
    /** NYSE holidays 2023-2024 (weekdays without trading; 2025-01-09 is outside the range). */
    static final Set<LocalDate> US_HOLIDAYS = dates("2023-01-02", "2023-01-16", "2023-02-20", "2023-04-07", "2023-05-29",
            "2023-06-19", "2023-07-04", "2023-09-04", "2023-11-23", "2023-12-25", "2024-01-01", "2024-01-15", "2024-02-19",
            "2024-03-29", "2024-05-27", "2024-06-19", "2024-07-04", "2024-09-02", "2024-11-28", "2024-12-25");

    private final SplittableRandom random;

    public SampleUniverse(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A fictional security. */
    record Security(String symbol, String market, String board, String name, String industry, double beta, double shares, double start) {}

    public static List<LocalDate> tradingDays(Set<LocalDate> holidays) {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = FIRST; !d.isAfter(LAST); d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY && !holidays.contains(d)) days.add(d);
        }
        return days;
    }

    /** Writes everything under {@code dir} (for the bundled data: data/sample). */
    public void write(Path dir) {
        try {
            Files.createDirectories(dir.resolve("cn_daily"));
            Files.createDirectories(dir.resolve("cn_index"));
            Files.createDirectories(dir.resolve("factors"));
            List<Security> cn = securities("XSHG", 6, 8);
            List<Security> us = securities("XNYS", 5, 7);
            writeChina(dir, cn);
            writeUs(dir, us);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Security> securities(String market, int perIndustry, int cyber) {
        List<Security> out = new ArrayList<>();
        int n = 0;
        for (String industry : INDUSTRIES) {
            int count = industry.equals("Cybersecurity") ? cyber : perIndustry;
            for (int i = 0; i < count; i++, n++) {
                double beta = 0.6 + 0.8 * random.nextDouble();
                double shares = Math.round((50 + 950 * random.nextDouble())) * 1e6;
                double start = Math.round((5 + 95 * random.nextDouble()) * 100) / 100.0;
                String word = industry.split(" ")[0];
                if (market.equals("XSHG")) {
                    String board = industry.equals("Cybersecurity") || industry.equals("Semiconductors") || industry.equals("Software")
                            ? (i % 2 == 0 ? "STAR" : "Main") : "Main";
                    String code = (board.equals("STAR") ? "688" : "600") + String.format(Locale.ROOT, "%03d", 100 + n);
                    out.add(new Security(code, market, board, "Synthetic " + word + " CN" + (i + 1), industry, beta, shares, start));
                } else {
                    String ticker = industry.equals("Cybersecurity") && i == 0 ? US_VENDOR
                            : word.substring(0, Math.min(3, word.length())).toUpperCase(Locale.ROOT) + (char) ('A' + i);
                    String name = ticker.equals(US_VENDOR) ? "Falcon Sentinel (synthetic vendor at fault)" : "Synthetic " + word + " US" + (i + 1);
                    out.add(new Security(ticker, market, "NYSE", name, industry, beta, shares, start));
                }
            }
        }
        return out;
    }

    private void writeChina(Path dir, List<Security> cn) throws IOException {
        List<LocalDate> days = tradingDays(CN_HOLIDAYS);
        double[] market = marketReturns(days, CN_SHOCK_DAY, -0.0068);
        double[][] industry = industryReturns(days.size());
        int shockAt = days.indexOf(CN_SHOCK_DAY);
        DateTimeFormatter f = DateTimeFormatter.BASIC_ISO_DATE;
        try (Writer w = Files.newBufferedWriter(dir.resolve("securities_cn.csv"), StandardCharsets.UTF_8)) {
            w.write("代码,交易所,板块,名称,行业,总股本\n");
            for (Security s : cn) w.write(String.join(",", s.symbol, "SSE", s.board, s.name, s.industry, fmt(s.shares, 0)) + "\n");
        }
        for (Security s : cn) {
            int k = INDUSTRIES.indexOf(s.industry);
            try (Writer w = Files.newBufferedWriter(dir.resolve("cn_daily/" + s.symbol + ".csv"), StandardCharsets.UTF_8)) {
                w.write("日期,开盘价,最高价,最低价,收盘价,成交量,成交额\n");
                double close = s.start;
                for (int t = 0; t < days.size(); t++) {
                    double r = s.beta * market[t] + industry[k][t] + 0.014 * random.nextGaussian();
                    if (t == shockAt && s.industry.equals("Cybersecurity")) r = 0.04 + 0.006 * random.nextGaussian();
                    double limit = s.board.equals("STAR") ? 0.2 : 0.1;
                    r = Math.max(-limit, Math.min(limit, r));
                    double prev = close;
                    close = Math.max(0.01, Math.round(prev * (1 + r) * 100) / 100.0);
                    writeBar(w, days.get(t).format(f), prev, close, 2);
                }
            }
        }
        try (Writer w = Files.newBufferedWriter(dir.resolve("cn_index/CNX300.csv"), StandardCharsets.UTF_8)) {
            w.write("date,open,close,high,low,volume,amount,symbol\n");
            double level = 3800;
            for (int t = 0; t < days.size(); t++) {
                double prev = level;
                level = Math.round(prev * (1 + market[t]) * 100) / 100.0;
                double high = Math.max(prev, level) * 1.004;
                double low = Math.min(prev, level) * 0.996;
                w.write(String.join(",", days.get(t).toString(), fmt(prev, 2), fmt(level, 2), fmt(high, 2), fmt(low, 2),
                        fmt(1.5e8 + 5e7 * random.nextDouble(), 1), fmt(2e11 + 5e10 * random.nextDouble(), 1), "CNX300") + "\n");
            }
        }
    }

    private void writeUs(Path dir, List<Security> us) throws IOException {
        List<LocalDate> days = tradingDays(US_HOLIDAYS);
        double[] market = marketReturns(days, US_SHOCK_DAY, -0.0066);
        double[][] industry = industryReturns(days.size());
        int shockAt = days.indexOf(US_SHOCK_DAY);
        try (Writer w = Files.newBufferedWriter(dir.resolve("securities_us.csv"), StandardCharsets.UTF_8)) {
            w.write("Ticker,Name,Sector,Shares Outstanding,Type\n");
            w.write("USX500,Synthetic US 500 Index,Broad Market,,index\n");
            for (Security s : us) w.write(String.join(",", s.symbol, "\"" + s.name + "\"", s.industry, fmt(s.shares, 0), "stock") + "\n");
        }
        DateTimeFormatter f = DateTimeFormatter.ofPattern("MM/dd/yyyy", Locale.ROOT);
        try (Writer w = Files.newBufferedWriter(dir.resolve("us_prices.csv"), StandardCharsets.UTF_8)) {
            w.write("Date,Ticker,Open,High,Low,Close,Adj Close,Volume\n");
            double level = 4700;
            for (int t = 0; t < days.size(); t++) {
                double prev = level;
                level = prev * (1 + market[t]);
                writeUsBar(w, days.get(t).format(f), "USX500", prev, level);
            }
            for (Security s : us) {
                int k = INDUSTRIES.indexOf(s.industry);
                double close = s.start;
                for (int t = 0; t < days.size(); t++) {
                    double r = s.beta * market[t] + industry[k][t] + 0.016 * random.nextGaussian();
                    if (t == shockAt && s.industry.equals("Cybersecurity")) r = s.symbol.equals(US_VENDOR) ? -0.111 : 0.02 + 0.005 * random.nextGaussian();
                    double prev = close;
                    close = prev * (1 + r);
                    writeUsBar(w, days.get(t).format(f), s.symbol, prev, close);
                }
            }
        }
        // A Fama-French-style factor file for the US market: preamble, percent units, CRLF, footer.
        try (Writer w = Files.newBufferedWriter(dir.resolve("factors/ff3_daily_synthetic.csv"), StandardCharsets.UTF_8)) {
            w.write("This file is SYNTHETIC, written by cybermarket's sample generator in the Fama-French daily layout.\r\n");
            w.write("Values are in percent.\r\n\r\n");
            w.write(",Mkt-RF,SMB,HML,RF\r\n");
            DateTimeFormatter b = DateTimeFormatter.BASIC_ISO_DATE;
            for (int t = 0; t < days.size(); t++) {
                double rf = 0.02;
                w.write(String.format(Locale.ROOT, "%s,%8.2f,%8.2f,%8.2f,%8.3f\r\n", days.get(t).format(b),
                        market[t] * 100 - rf, 0.5 * random.nextGaussian(), 0.5 * random.nextGaussian(), rf));
            }
            w.write("\r\nSynthetic data, no copyright.\r\n");
        }
    }

    private double[] marketReturns(List<LocalDate> days, LocalDate shockDay, double shock) {
        double[] m = new double[days.size()];
        for (int t = 0; t < m.length; t++) m[t] = days.get(t).equals(shockDay) ? shock : 0.0003 + 0.009 * random.nextGaussian();
        return m;
    }

    private double[][] industryReturns(int n) {
        double[][] f = new double[INDUSTRIES.size()][n];
        for (double[] row : f) for (int t = 0; t < n; t++) row[t] = 0.005 * random.nextGaussian();
        return f;
    }

    private void writeBar(Writer w, String date, double prev, double close, int decimals) throws IOException {
        double open = Math.round(prev * (1 + 0.003 * random.nextGaussian()) * 100) / 100.0;
        double high = Math.max(open, close) + Math.round(Math.abs(0.01 * close * random.nextGaussian()) * 100) / 100.0;
        double low = Math.max(0.01, Math.min(open, close) - Math.round(Math.abs(0.01 * close * random.nextGaussian()) * 100) / 100.0);
        long volume = 100 * (long) (1e4 + 1e5 * random.nextDouble());
        w.write(String.join(",", date, fmt(open, decimals), fmt(high, decimals), fmt(low, decimals), fmt(close, decimals),
                Long.toString(volume), fmt(volume * close, 0)) + "\n");
    }

    private void writeUsBar(Writer w, String date, String symbol, double prev, double close) throws IOException {
        double open = prev * (1 + 0.003 * random.nextGaussian());
        double high = Math.max(open, close) * (1 + Math.abs(0.008 * random.nextGaussian()));
        double low = Math.min(open, close) * (1 - Math.abs(0.008 * random.nextGaussian()));
        long volume = 100 * (long) (1e4 + 1e5 * random.nextDouble());
        w.write(String.join(",", date, symbol, fmt(open, 4), fmt(high, 4), fmt(low, 4), fmt(close, 4), fmt(close, 6),
                Long.toString(volume)) + "\n");
    }

    private static String fmt(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static Set<LocalDate> dates(String... iso) {
        Set<LocalDate> s = new TreeSet<>();
        for (String d : iso) s.add(LocalDate.parse(d));
        return s;
    }
}
