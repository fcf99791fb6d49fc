/**
 * The statistics of the paper and those a reviewer asks for, checked against scikit-learn and
 * SciPy: streaming volume errors ({@link dev.ich.eval.metrics.VolumeErrorAccumulator}) with
 * percentile-bootstrap intervals ({@link dev.ich.eval.metrics.VolumeBootstrap}); prognosis metrics
 * ({@link dev.ich.eval.metrics.ConfusionMatrix}, {@link dev.ich.eval.metrics.RocCurve},
 * {@link dev.ich.eval.metrics.DeLong}, {@link dev.ich.eval.metrics.CalibrationCurve},
 * {@link dev.ich.eval.metrics.ProbabilityScores}, {@link dev.ich.eval.metrics.YoudenPoint}).
 *
 * <p>Inputs are validated case by case: a NaN, a label other than 0/1 or a value that makes a
 * metric undefined (a zero true volume for MAPE, one class only for an AUC) raises an
 * {@link dev.ich.eval.metrics.UndefinedMetricException} naming the problem and the case index,
 * never a silent NaN.
 */
package dev.ich.eval.metrics;
