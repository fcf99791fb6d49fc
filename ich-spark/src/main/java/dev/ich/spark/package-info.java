/**
 * Archives of studies on Apache Spark: {@link dev.ich.spark.IchSpark#analyze} turns a DataFrame of
 * study paths into a DataFrame of ich-batch's result columns, one analyzer per executor JVM; {@link
 * dev.ich.spark.AnalyzeArchive} is the {@code spark-submit} entry point that writes them as
 * Parquet.
 */
package dev.ich.spark;
