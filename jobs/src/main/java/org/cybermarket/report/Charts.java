package org.cybermarket.report;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The report's charts, drawn with JFreeChart's own styling (no pixel code) and written as PNG at twice their
 * display size, so text stays sharp on high-density screens. One look for all: returns in percent, event days as
 * whole days with their dates, the series the page is about in a strong colour and the others muted, colours from
 * the Okabe-Ito palette (told apart with the common colour-vision deficiencies), bands drawn.
 */
public final class Charts {
    /** Display size in CSS pixels; the PNG has {@link #SCALE} times as many pixels each way. */
    public static final int WIDTH = 900;
    public static final int HEIGHT = 420;
    public static final int SCALE = 2;

    /** Okabe and Ito (2008), "Color Universal Design". */
    static final Color BLUE = new Color(0x00, 0x72, 0xB2);
    static final Color VERMILLION = new Color(0xD5, 0x5E, 0x00);
    static final Color ORANGE = new Color(0xE6, 0x9F, 0x00);
    static final Color GREEN = new Color(0x00, 0x9E, 0x73);
    static final Color PURPLE = new Color(0xCC, 0x79, 0xA7);
    static final Color SKY = new Color(0x56, 0xB4, 0xE9);
    /** The series a chart is about. */
    static final Color FOCUS = VERMILLION;
    /** Everything shown for comparison. */
    static final Color MUTED = new Color(0x8C, 0x8C, 0x8C);
    static final Color FAINT = new Color(0xD0, 0xD0, 0xD0);
    /** Colours told apart by vintage (or any series without a focus). */
    static final List<Color> PALETTE = List.of(BLUE, ORANGE, GREEN, PURPLE, SKY, VERMILLION);

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Color LABEL_BACKGROUND = new Color(255, 255, 255, 215);
    private static final Stroke DASHED = new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{5f, 4f}, 0f);

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {}

    /** One day of a path over event days: its value and the ends of its 95% band (null ends: no band that day). */
    public record Point(int day, double value, Double low, Double high) {}

    /** A path over event days; {@code focus} draws it strong, the others muted. */
    public record EventPath(String name, boolean focus, List<Point> points) {}

    /**
     * Paths over event days (CAAR with its band), percent on the y axis, one tick per trading day labelled with
     * the offset and its date, a line at day 0.
     */
    public static void eventPaths(Path file, String title, String yLabel, List<EventPath> paths, Map<Integer, LocalDate> dates) throws IOException {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        DeviationRenderer r = new DeviationRenderer(true, true);
        r.setAlpha(0.22f);
        int i = 0;
        for (EventPath p : paths) {
            YIntervalSeries s = new YIntervalSeries(p.name());
            for (Point pt : p.points()) {
                s.add(pt.day(), pt.value(), pt.low() == null ? pt.value() : pt.low(), pt.high() == null ? pt.value() : pt.high());
            }
            data.addSeries(s);
            Color c = p.focus() ? FOCUS : MUTED;
            r.setSeriesPaint(i, c);
            r.setSeriesFillPaint(i, c);
            r.setSeriesStroke(i, new BasicStroke(p.focus() ? 3f : 1.6f));
            r.setSeriesShape(i, circle(p.focus() ? 7 : 5));
            i++;
        }
        NumberAxis x = new NumberAxis("trading days from day 0 (date on this market)");
        x.setTickUnit(new NumberTickUnit(1, new DayFormat(dates)));
        x.setAutoRangeIncludesZero(false);
        dates.keySet().stream().mapToInt(Integer::intValue).min().ifPresent(lo -> x.setRange(lo - 0.4,
                dates.keySet().stream().mapToInt(Integer::intValue).max().getAsInt() + 0.4));
        XYPlot plot = new XYPlot(data, x, percentAxis(yLabel), r);
        ValueMarker day0 = new ValueMarker(0, Color.BLACK, DASHED);
        day0.setLabel("day 0" + (dates.containsKey(0) ? " = " + dates.get(0) : ""));
        day0.setLabelFont(LABEL);
        day0.setLabelBackgroundColor(LABEL_BACKGROUND);
        day0.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        day0.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        day0.setLabelOffset(new RectangleInsets(4, 4, 4, 4));
        plot.addDomainMarker(day0);
        plot.addRangeMarker(new ValueMarker(0, MUTED, new BasicStroke(0.8f)));
        write(file, style(new JFreeChart(title, TITLE, plot, true), plot), HEIGHT);
    }

    /** One industry's bar: its label, value, whether it is the focus and whether it is ranked. */
    public record Bar(String label, double value, boolean focus, boolean ranked) {}

    /**
     * Horizontal bars sorted by value, best on top: the focus industry strong, the other ranked ones muted, the
     * unranked ones faint; the benchmark's return as a labelled line.
     */
    public static void rankedBars(Path file, String title, String valueLabel, List<Bar> bars, Double benchmark, String benchmarkLabel) throws IOException {
        List<Bar> sorted = new ArrayList<>(bars);
        sorted.sort(Comparator.comparingDouble(Bar::value).reversed());
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        List<Paint> paints = new ArrayList<>();
        for (Bar b : sorted) {
            data.addValue(b.value(), valueLabel, b.label());
            paints.add(b.focus() ? FOCUS : b.ranked() ? MUTED : FAINT);
        }
        BarRenderer r = new BarRenderer() {
            @Override
            public Paint getItemPaint(int row, int column) {
                return paints.get(column);
            }
        };
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setDrawBarOutline(false);
        r.setMaximumBarWidth(0.08);
        r.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat("+0.00%;-0.00%")));
        r.setDefaultItemLabelsVisible(true);
        r.setDefaultItemLabelFont(TICK);
        // Labels beyond the bar's end: right of a positive bar, left of a negative one.
        r.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT));
        r.setDefaultNegativeItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE9, TextAnchor.CENTER_RIGHT));
        r.setItemLabelAnchorOffset(4);
        CategoryAxis categories = new CategoryAxis(null);
        categories.setTickLabelFont(TICK);
        categories.setCategoryMargin(0.15);
        CategoryPlot plot = new CategoryPlot(data, categories, percentAxis(valueLabel), r);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
        plot.getRangeAxis().setUpperMargin(0.14);
        plot.getRangeAxis().setLowerMargin(0.14);
        plot.addRangeMarker(new ValueMarker(0, Color.DARK_GRAY, new BasicStroke(0.8f)));
        if (benchmark != null) {
            ValueMarker m = new ValueMarker(benchmark, Color.BLACK, DASHED);
            m.setLabel(benchmarkLabel);
            m.setLabelFont(LABEL);
            m.setLabelBackgroundColor(LABEL_BACKGROUND);
            m.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
            m.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            plot.addRangeMarker(m);
        }
        JFreeChart chart = new JFreeChart(title, TITLE, plot, false);
        style(chart, plot);
        plot.setDomainGridlinesVisible(false);
        write(file, chart, barsHeight(sorted.size()));
    }

    /** One year of a series: value and the ends of its scenario band (null: no band). */
    public record YearValue(int year, double value, Double low, Double high) {}

    /**
     * A series by year; its colour is its vintage's ({@code colour} indexes the palette and the legend), {@code dashed}
     * tells markets apart.
     */
    public record YearSeries(String name, int colour, boolean dashed, List<YearValue> values) {}

    /**
     * Panels stacked over one shared year axis (years written as years), each with its own value axis, so a small
     * market is not squashed under a large one. Bands are drawn where the series have them.
     */
    public static void yearPanels(Path file, String title, Map<String, List<YearSeries>> panels, NumberFormat valueFormat, List<String> legend) throws IOException {
        NumberAxis years = new NumberAxis("year");
        years.setTickUnit(new NumberTickUnit(1, new DecimalFormat("0")));
        years.setAutoRangeIncludesZero(false);
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(years);
        combined.setGap(14);
        for (Map.Entry<String, List<YearSeries>> panel : panels.entrySet()) {
            YIntervalSeriesCollection data = new YIntervalSeriesCollection();
            DeviationRenderer r = new DeviationRenderer(true, true);
            r.setAlpha(0.18f);
            int i = 0;
            for (YearSeries s : panel.getValue()) {
                YIntervalSeries ys = new YIntervalSeries(s.name());
                for (YearValue v : s.values()) ys.add(v.year(), v.value(), v.low() == null ? v.value() : v.low(), v.high() == null ? v.value() : v.high());
                data.addSeries(ys);
                Color c = PALETTE.get(s.colour() % PALETTE.size());
                r.setSeriesPaint(i, c);
                r.setSeriesFillPaint(i, c);
                r.setSeriesStroke(i, s.dashed() ? new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{7f, 5f}, 0f)
                        : new BasicStroke(2.2f));
                r.setSeriesShape(i, s.colour() % 2 == 0 ? circle(7) : new Rectangle2D.Double(-3.5, -3.5, 7, 7));
                i++;
            }
            NumberAxis value = new NumberAxis(panel.getKey());
            value.setNumberFormatOverride(valueFormat);
            value.setAutoRangeIncludesZero(false);
            value.setLabelFont(LABEL);
            value.setTickLabelFont(TICK);
            XYPlot plot = new XYPlot(data, null, value, r);
            gridlines(plot);
            combined.add(plot, 1);
        }
        java.util.Set<Integer> drawn = new java.util.TreeSet<>();
        panels.values().forEach(list -> list.forEach(ys -> drawn.add(ys.colour())));
        LegendItemCollection items = new LegendItemCollection();
        for (int k : drawn) {
            if (k >= legend.size()) continue;
            Color c = PALETTE.get(k % PALETTE.size());
            LegendItem item = new LegendItem(legend.get(k), null, null, null, k % 2 == 0 ? circle(7) : new Rectangle2D.Double(-3.5, -3.5, 7, 7), c);
            items.add(item);
        }
        combined.setFixedLegendItems(items);
        years.setLabelFont(LABEL);
        years.setTickLabelFont(TICK);
        JFreeChart chart = new JFreeChart(title, TITLE, combined, true);
        chart.setBackgroundPaint(Color.WHITE);
        legend(chart.getLegend());
        write(file, chart, panelsHeight(panels.size()));
    }

    /** Percent with sign, from fractions (0.0408 -> +4.1%). */
    static NumberFormat percentFormat() {
        return new DecimalFormat("+0.0%;-0.0%");
    }

    private static NumberAxis percentAxis(String label) {
        NumberAxis y = new NumberAxis(label);
        y.setNumberFormatOverride(percentFormat());
        y.setAutoRangeIncludesZero(true);
        return y;
    }

    private static Shape circle(double d) {
        return new Ellipse2D.Double(-d / 2, -d / 2, d, d);
    }

    private static JFreeChart style(JFreeChart chart, org.jfree.chart.plot.Plot plot) {
        chart.setBackgroundPaint(Color.WHITE);
        if (plot instanceof XYPlot xy) {
            gridlines(xy);
            for (var a : List.of(xy.getDomainAxis(), xy.getRangeAxis())) {
                a.setLabelFont(LABEL);
                a.setTickLabelFont(TICK);
            }
        } else if (plot instanceof CategoryPlot cat) {
            cat.setBackgroundPaint(Color.WHITE);
            cat.setOutlineVisible(false);
            cat.setRangeGridlinePaint(new Color(0xE0, 0xE0, 0xE0));
            cat.getRangeAxis().setLabelFont(LABEL);
            cat.getRangeAxis().setTickLabelFont(TICK);
        }
        if (chart.getLegend() != null) legend(chart.getLegend());
        return chart;
    }

    private static void gridlines(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setDomainGridlinePaint(new Color(0xE6, 0xE6, 0xE6));
        plot.setRangeGridlinePaint(new Color(0xE0, 0xE0, 0xE0));
        plot.setDomainGridlineStroke(new BasicStroke(0.6f));
        plot.setRangeGridlineStroke(new BasicStroke(0.6f));
    }

    private static void legend(LegendTitle legend) {
        legend.setItemFont(LABEL);
        legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
        legend.setPosition(RectangleEdge.TOP);
    }

    /** Draws the chart at its display size onto an image {@link #SCALE} times larger, and writes it as PNG. */
    private static void write(Path file, JFreeChart chart, int height) throws IOException {
        chart.setPadding(new RectangleInsets(6, 6, 6, 18)); // room for the last tick label
        var image = chart.createBufferedImage(WIDTH * SCALE, height * SCALE, WIDTH, height, null);
        try (OutputStream out = Files.newOutputStream(file)) {
            ChartUtils.writeBufferedImageAsPNG(out, image);
        }
    }

    /** The pixel height a chart of {@code bars} bars is drawn at (display size), for the page's img height. */
    public static int barsHeight(int bars) {
        return Math.max(220, 110 + 30 * bars);
    }

    /** The display height of {@link #yearPanels} with this many panels. */
    public static int panelsHeight(int panels) {
        return HEIGHT + 180 * Math.max(0, panels - 1);
    }

    /** Event-day ticks: the offset with its sign, and the date on the market ("+1 07-22"). */
    static final class DayFormat extends NumberFormat {
        private final Map<Integer, LocalDate> dates;

        DayFormat(Map<Integer, LocalDate> dates) {
            this.dates = Map.copyOf(dates);
        }

        @Override
        public StringBuffer format(double number, StringBuffer to, FieldPosition pos) {
            return format(Math.round(number), to, pos);
        }

        @Override
        public StringBuffer format(long day, StringBuffer to, FieldPosition pos) {
            to.append(day > 0 ? "+" : "").append(day);
            LocalDate d = dates.get((int) day);
            if (d != null) to.append(' ').append(String.format("%02d-%02d", d.getMonthValue(), d.getDayOfMonth()));
            return to;
        }

        @Override
        public Number parse(String source, ParsePosition pos) {
            throw new UnsupportedOperationException("tick labels are only written");
        }
    }
}
