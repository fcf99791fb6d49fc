package dev.ich.core.preprocess;

/**
 * Supplies the rows of the block being resized, already in the intensities to interpolate (for the
 * preprocessing: cropped and windowed HU). Called from several threads at once, each with its own
 * {@code row} array.
 */
@FunctionalInterface
interface RowReader {

    /**
     * Fills {@code row} (one value per column of the block) with row {@code j} of slice {@code k}.
     */
    void read(int j, int k, float[] row);
}
