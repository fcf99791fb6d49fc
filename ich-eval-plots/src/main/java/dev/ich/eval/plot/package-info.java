/**
 * The paper's figures as JFreeChart charts, written as PNG without a display ({@link
 * dev.ich.eval.plot.Figures}, {@link dev.ich.eval.plot.ChartFiles}): ROC curves with the AUC in the
 * legend (Figure 4), a Bland–Altman plot, predicted against true volume with the identity line, a
 * calibration curve, training curves (Figure 3) and the volume histogram raw and cube-rooted
 * (Figure 2). {@link dev.ich.eval.plot.EvaluationFigures} adds them to an {@link
 * dev.ich.eval.report.EvaluationWriter}'s folder. A separate artifact, {@code ich-eval-plots}, so
 * that the metrics bring no plotting library.
 */
package dev.ich.eval.plot;
