/**
 * Archives of studies on one machine. {@link dev.ich.batch.StudyList} turns paths, a folder of
 * studies or a manifest CSV into studies; {@link dev.ich.batch.ArchiveAnalysis} runs them through a
 * {@link dev.ich.core.analysis.batch.BatchAnalyzer}, records each result row in a {@link
 * dev.ich.batch.ResultJournal} as it completes (so a restarted run skips what is done), and writes
 * one table, {@code results.csv} and {@code results.parquet}, at the end. The columns are {@link
 * dev.ich.batch.ResultSchema}'s.
 */
package dev.ich.batch;
