/**
 * Many studies through one shared {@link dev.ich.core.analysis.IchAnalyzer}: {@link
 * dev.ich.core.analysis.batch.BatchAnalyzer} analyses several at once and yields each {@link
 * dev.ich.core.analysis.batch.BatchResult} as it completes, reading the input only as fast as the
 * results are taken. A study that fails becomes a result with its error code; it never stops the
 * run.
 */
package dev.ich.core.analysis.batch;
