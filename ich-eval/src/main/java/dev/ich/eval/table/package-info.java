/**
 * Strict tabular input: the cases to evaluate ({@link dev.ich.eval.table.CaseTable}, read from a
 * predictions CSV by {@link dev.ich.eval.table.PredictionsCsv} or built in code) and training logs
 * ({@link dev.ich.eval.table.TrainingLog}). Every malformed cell is an {@link
 * dev.ich.core.error.IchException} naming the file, line and column; identifiers are never echoed,
 * since they may identify a patient.
 */
package dev.ich.eval.table;
