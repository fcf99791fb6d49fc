/**
 * Short programs that show the API, each compiled and run by the tests: analysing a study with the
 * builder ({@link dev.ich.samples.examples.AnalyzeStudy}), training from a manifest ({@link
 * dev.ich.samples.examples.TrainFromManifest}) and evaluating with the paper's tables and figures
 * ({@link dev.ich.samples.examples.EvaluateAndPlot}).
 */
package dev.ich.samples.examples;
