/**
 * Evaluation of ICH volume and prognosis predictions the way Gong et al. (2023) report them: {@link
 * dev.ich.eval.Evaluator} turns a {@link dev.ich.eval.table.CaseTable} into an {@link
 * dev.ich.eval.Evaluation} (Table 1 and Table 2 of the paper with confidence intervals), which
 * {@link dev.ich.eval.report.EvaluationWriter} writes as JSON, CSV and Markdown (and, with the
 * artifact {@code ich-eval-plots}, PNG figures).
 *
 * <p>Sub-packages: {@code metrics} (the statistics), {@code estimators} (the clinicians' volume
 * formulas), {@code table} (strict CSV input), {@code report} (tables and files).
 */
package dev.ich.eval;
