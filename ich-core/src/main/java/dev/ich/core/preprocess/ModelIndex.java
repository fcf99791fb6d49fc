package dev.ich.core.preprocess;

/**
 * A continuous index on the model-input grid: {@code (d, h, w)} = slice, row, column. Integer
 * values are voxel centres.
 *
 * @param d depth index (along source {@code k})
 * @param h height index (along source {@code j})
 * @param w width index (along source {@code i})
 */
public record ModelIndex(double d, double h, double w) {}
