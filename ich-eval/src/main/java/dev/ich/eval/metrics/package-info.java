/**
 * The statistics of the paper and those a reviewer asks for, checked against scikit-learn and
 * SciPy: streaming volume errors ({@link dev.ich.eval.metrics.VolumeErrorAccumulator}) with
 * percentile-bootstrap intervals ({@link dev.ich.eval.metrics.VolumeBootstrap}); prognosis metrics
 * ({@link dev.ich.eval.metrics.ConfusionMatrix}, {@link dev.ich.eval.metrics.RocCurve}, {@link
 * dev.ich.eval.metrics.DeLong}, {@link dev.ich.eval.metrics.CalibrationCurve}, {@link
 * dev.ich.eval.metrics.ProbabilityScores}, {@link dev.ich.eval.metrics.YoudenPoint}).
 *
 * <p>Inputs are validated case by case: a NaN, a label other than 0/1 or a value that makes a
 * metric undefined (a zero true volume for MAPE, one class only for an AUC) raises an {@link
 * dev.ich.eval.metrics.UndefinedMetricException} naming the problem and the case index, never a
 * silent NaN.
 *
 * <p>Apache Commons Math supplies what it has: the percentile (type R-7) of the bootstrap, the
 * Mersenne Twister, the Wilson score interval, the normal quantile and erfc. It has no ROC curve,
 * AUC, DeLong, calibration curve or Brier score, and its storeless statistics cannot update all
 * co-moments jointly or merge covariances, so those are written here (each class says so).
 */
package dev.ich.eval.metrics;
