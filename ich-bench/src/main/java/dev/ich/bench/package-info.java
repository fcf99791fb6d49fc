/**
 * Speed and memory benchmarks of the pipeline stages, run by {@code ich bench}: preprocessing
 * ({@link dev.ich.bench.BenchHead}), DICOM reading, the network with an optional PyTorch
 * comparison, Grad-CAM, ich-eval's metrics and repeated analyses. Each prints {@code name=value}
 * lines.
 */
package dev.ich.bench;
