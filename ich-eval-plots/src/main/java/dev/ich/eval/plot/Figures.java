package dev.ich.eval.plot;

import dev.ich.eval.metrics.CalibrationCurve;
import dev.ich.eval.metrics.RocCurve;
import dev.ich.eval.metrics.UndefinedMetricException;
import dev.ich.eval.metrics.VolumeErrorAccumulator;
import dev.ich.eval.table.TrainingLog;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The paper's figures as JFreeChart charts. Every method validates its data and returns a chart
 * ready for {@link ChartFiles#writePng}; nothing here touches a display, so it runs headless.
 */
public final class Figures {

    private static final java.awt.Shape DOT = new java.awt.geom.Ellipse2D.Double(-3.5, -3.5, 7, 7);

    private Figures() {}

    /** ROC curves, one per model, each labelled with its AUC (the paper's Figure 4). */
    public static JFreeChart roc(Map<String, RocCurve> curves) {
        requireSome("curves", curves.size());
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, RocCurve> e : curves.entrySet()) {
            XYSeries s =
                    new XYSeries(
                            String.format(
                                    Locale.ROOT, "%s (AUC = %.3f)", e.getKey(), e.getValue().auc()),
                            false,
                            true);
            double[] fpr = e.getValue().falsePositiveRates();
            double[] tpr = e.getValue().truePositiveRates();
            for (int i = 0; i < fpr.length; i++) {
                s.add(fpr[i], tpr[i]);
            }
            data.addSeries(s);
        }
        XYPlot plot =
                new XYPlot(
                        data,
                        unitAxis("1 − specificity (false positive rate)"),
                        unitAxis("sensitivity (true positive rate)"),
                        lines(data.getSeriesCount(), false));
        plot.addAnnotation(new XYLineAnnotation(0, 0, 1, 1, Style.DASHED, Style.REFERENCE));
        Style.plot(plot);
        return Style.apply(new JFreeChart("ROC curve", Style.TITLE, plot, true));
    }

    /**
     * A reliability diagram: observed fraction of poor outcomes against the mean predicted
     * probability.
     */
    public static JFreeChart calibration(Map<String, CalibrationCurve> curves) {
        requireSome("curves", curves.size());
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, CalibrationCurve> e : curves.entrySet()) {
            XYSeries s = new XYSeries(e.getKey(), false, true);
            double[] x = e.getValue().meanPredicted();
            double[] y = e.getValue().fractionPositive();
            for (int i = 0; i < x.length; i++) {
                s.add(x[i], y[i]);
            }
            data.addSeries(s);
        }
        XYPlot plot =
                new XYPlot(
                        data,
                        unitAxis("mean predicted probability"),
                        unitAxis("observed fraction of poor outcomes"),
                        lines(data.getSeriesCount(), true));
        plot.addAnnotation(new XYLineAnnotation(0, 0, 1, 1, Style.DASHED, Style.REFERENCE));
        Style.plot(plot);
        return Style.apply(new JFreeChart("Calibration", Style.TITLE, plot, true));
    }

    /**
     * A Bland–Altman plot of {@code estimate} against {@code reference}: the difference against the
     * mean of each pair, with the bias and the 95 % limits of agreement.
     */
    public static JFreeChart blandAltman(double[] reference, double[] estimate, String name) {
        VolumeErrorAccumulator acc = new VolumeErrorAccumulator();
        acc.addAll(reference, estimate);
        requireSome("cases", reference.length);
        XYSeries s = new XYSeries("cases", false, true);
        for (int i = 0; i < reference.length; i++) {
            s.add((reference[i] + estimate[i]) / 2, estimate[i] - reference[i]);
        }
        XYPlot plot =
                new XYPlot(
                        new XYSeriesCollection(s),
                        axis("mean of " + name + " and reference volume (ml)", false),
                        axis(name + " − reference volume (ml)", false),
                        dots());
        double bias = acc.meanBias();
        marker(plot, bias, String.format(Locale.ROOT, "bias %.2f ml", bias), Style.LINE);
        if (reference.length >= 2) {
            double[] loa = acc.limitsOfAgreement();
            marker(
                    plot,
                    loa[1],
                    String.format(Locale.ROOT, "+1.96 SD %.2f ml", loa[1]),
                    Style.DASHED);
            marker(
                    plot,
                    loa[0],
                    String.format(Locale.ROOT, "−1.96 SD %.2f ml", loa[0]),
                    Style.DASHED);
        }
        Style.plot(plot);
        JFreeChart chart = new JFreeChart("Bland–Altman: " + name, Style.TITLE, plot, false);
        return Style.apply(chart);
    }

    /** Predicted against true volume with the identity line, MAE and Pearson r in the subtitle. */
    public static JFreeChart scatter(double[] reference, double[] estimate, String name) {
        VolumeErrorAccumulator acc = new VolumeErrorAccumulator();
        acc.addAll(reference, estimate);
        requireSome("cases", reference.length);
        XYSeries s = new XYSeries("cases", false, true);
        double max = 0;
        for (int i = 0; i < reference.length; i++) {
            s.add(reference[i], estimate[i]);
            max = Math.max(max, Math.max(reference[i], estimate[i]));
        }
        double top = max > 0 ? max * 1.05 : 1;
        NumberAxis x = axis("true volume (ml)", false);
        NumberAxis y = axis(name + " volume (ml)", false);
        x.setRange(0, top);
        y.setRange(0, top);
        XYPlot plot = new XYPlot(new XYSeriesCollection(s), x, y, dots());
        plot.addAnnotation(new XYLineAnnotation(0, 0, top, top, Style.DASHED, Style.REFERENCE));
        Style.plot(plot);
        JFreeChart chart = new JFreeChart("Predicted vs true volume", Style.TITLE, plot, false);
        String stats =
                String.format(
                        Locale.ROOT,
                        "%s: n = %d, MAE = %.2f ml",
                        name,
                        reference.length,
                        acc.mae());
        if (reference.length >= 3) {
            try {
                stats += String.format(Locale.ROOT, ", Pearson r = %.3f", acc.pearsonR());
            } catch (UndefinedMetricException constantColumn) {
                stats += ", Pearson r undefined (constant volumes)";
            }
        }
        chart.addSubtitle(new TextTitle(stats + "; dashed: identity", Style.LEGEND));
        return Style.apply(chart);
    }

    /** The distribution of volumes, raw and cube-rooted side by side (the paper's Figure 2). */
    public static JFreeChart volumeHistogram(double[] volumesMl, int bins) {
        requireSome("volumes", volumesMl.length);
        if (bins < 2) {
            throw new IllegalArgumentException("bins must be at least 2, got " + bins);
        }
        double[] cubeRoot = new double[volumesMl.length];
        for (int i = 0; i < volumesMl.length; i++) {
            if (!(volumesMl[i] >= 0) || Double.isInfinite(volumesMl[i])) {
                throw new IllegalArgumentException(
                        "volume " + i + " is " + volumesMl[i] + "; volumes must be finite and ≥ 0");
            }
            cubeRoot[i] = Math.cbrt(volumesMl[i]);
        }
        NumberAxis count = axis("cases", true);
        count.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        CombinedRangeXYPlot combined = new CombinedRangeXYPlot(count);
        combined.setGap(18);
        combined.add(histogramPlot(volumesMl, bins, "volume (ml)", 0), 1);
        combined.add(histogramPlot(cubeRoot, bins, "∛volume (∛ml, the regression target)", 1), 1);
        Style.axis(count);
        JFreeChart chart = new JFreeChart("Haematoma volume", Style.TITLE, combined, false);
        chart.addSubtitle(new TextTitle("n = " + volumesMl.length + " cases", Style.LEGEND));
        return Style.apply(chart);
    }

    private static XYPlot histogramPlot(double[] values, int bins, String label, int colour) {
        HistogramDataset data = new HistogramDataset();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (hi == lo) {
            hi = lo + 1;
        }
        data.addSeries(label, values, bins, lo, hi);
        XYBarRenderer renderer = new XYBarRenderer(0.08);
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, Style.colour(colour));
        renderer.setDrawBarOutline(false);
        XYPlot plot = new XYPlot(data, axis(label, false), null, renderer);
        Style.plot(plot);
        return plot;
    }

    /**
     * Training curves (the paper's Figure 3): every series whose name contains "loss" in one panel,
     * each other series (validation MAE, AUC, ...) in a panel of its own, over a shared epoch axis.
     */
    public static JFreeChart trainingCurves(TrainingLog log) {
        double[] epochs = log.epochs();
        NumberAxis epochAxis = axis("epoch", false);
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(epochAxis);
        combined.setGap(14);
        List<String> losses = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (String name : log.series().keySet()) {
            (name.toLowerCase(Locale.ROOT).contains("loss") ? losses : others).add(name);
        }
        if (losses.isEmpty() && others.isEmpty()) {
            throw new IllegalArgumentException("the training log has no series besides epoch");
        }
        int colour = 0;
        if (!losses.isEmpty()) {
            combined.add(seriesPlot(log, epochs, losses, "loss", colour), 2);
            colour += losses.size();
        }
        for (String name : others) {
            combined.add(seriesPlot(log, epochs, List.of(name), name, colour++), 1);
        }
        Style.axis(epochAxis);
        return Style.apply(new JFreeChart("Training curves", Style.TITLE, combined, true));
    }

    private static XYPlot seriesPlot(
            TrainingLog log, double[] epochs, List<String> names, String label, int colour) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (String name : names) {
            XYSeries s = new XYSeries(name, false, true);
            double[] v = log.get(name);
            for (int i = 0; i < epochs.length; i++) {
                // Validation is often logged every few epochs only: join the logged points.
                if (!Double.isNaN(v[i])) {
                    s.add(epochs[i], v[i]);
                }
            }
            data.addSeries(s);
        }
        XYLineAndShapeRenderer r = lines(names.size(), sparse(log, names) || epochs.length <= 40);
        for (int i = 0; i < names.size(); i++) {
            r.setSeriesPaint(i, Style.colour(colour + i));
        }
        NumberAxis y = axis(label, false);
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(data, null, y, r);
        Style.plot(plot);
        return plot;
    }

    /** True when a series skips epochs, so its logged points are marked. */
    private static boolean sparse(TrainingLog log, List<String> names) {
        for (String name : names) {
            for (double v : log.get(name)) {
                if (Double.isNaN(v)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void marker(XYPlot plot, double value, String label, java.awt.Stroke stroke) {
        ValueMarker m = new ValueMarker(value, Style.REFERENCE, stroke);
        m.setLabel(label);
        m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        m.setLabelPaint(Color.DARK_GRAY);
        m.setLabelBackgroundColor(new Color(255, 255, 255, 200));
        m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        m.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
        plot.addRangeMarker(m, Layer.FOREGROUND);
    }

    private static XYLineAndShapeRenderer lines(int series, boolean shapes) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, shapes);
        for (int i = 0; i < series; i++) {
            r.setSeriesPaint(i, Style.colour(i));
            r.setSeriesStroke(i, Style.LINE);
            r.setSeriesShape(i, DOT);
        }
        return r;
    }

    private static XYLineAndShapeRenderer dots() {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        r.setSeriesPaint(0, new Color(0, 114, 178, 170));
        r.setSeriesShape(0, DOT);
        return r;
    }

    private static NumberAxis unitAxis(String label) {
        NumberAxis a = axis(label, false);
        a.setRange(-0.01, 1.01);
        return a;
    }

    private static NumberAxis axis(String label, boolean includeZero) {
        NumberAxis a = new NumberAxis(label);
        a.setAutoRangeIncludesZero(includeZero);
        Style.axis(a);
        return a;
    }

    private static void requireSome(String what, int count) {
        if (count == 0) {
            throw new IllegalArgumentException(what + " is empty; nothing to plot");
        }
    }
}
