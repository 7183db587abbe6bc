package org.cybermarket.report;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** PNG charts, rendered headless with JFreeChart. */
public final class Charts {
    public static final int WIDTH = 900;
    public static final int HEIGHT = 420;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {}

    /** One path with its band. */
    public record Band(String name, List<double[]> points) {} // {x, y, low, high}

    public static void bands(Path file, String title, String xLabel, String yLabel, List<Band> bands) throws IOException {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        for (Band b : bands) {
            YIntervalSeries s = new YIntervalSeries(b.name());
            for (double[] p : b.points()) s.add(p[0], p[1], p[2], p[3]);
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL, true, false, false);
        DeviationRenderer r = new DeviationRenderer(true, true);
        r.setAlpha(0.15f);
        ((XYPlot) chart.getPlot()).setRenderer(r);
        style(chart);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }

    public static void bars(Path file, String title, String yLabel, Map<String, Map<String, Double>> seriesToCategoryValues) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        seriesToCategoryValues.forEach((series, values) -> values.forEach((cat, v) -> data.addValue(v, series, cat)));
        JFreeChart chart = ChartFactory.createBarChart(title, null, yLabel, data, PlotOrientation.HORIZONTAL, true, false, false);
        style(chart);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }

    public static void lines(Path file, String title, String xLabel, String yLabel, Map<String, List<double[]>> series) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        series.forEach((name, points) -> {
            XYSeries s = new XYSeries(name);
            for (double[] p : points) s.add(p[0], p[1]);
            data.addSeries(s);
        });
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL, true, false, false);
        style(chart);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }

    private static void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getPlot().setBackgroundPaint(new Color(250, 250, 250));
    }
}
