/**
 * The paper's tables and the evaluation folder: {@link dev.ich.eval.report.VolumeTable} (Table 1)
 * and {@link dev.ich.eval.report.PrognosisTable} (Table 2) as CSV, Markdown and JSON, {@link
 * dev.ich.eval.report.MetricsJson} (metrics.json) and {@link dev.ich.eval.report.EvaluationWriter},
 * which writes them with any further {@link dev.ich.eval.report.EvaluationFiles} (the figures of
 * {@code ich-eval-plots}), never over a user's file unless asked to.
 */
package dev.ich.eval.report;
