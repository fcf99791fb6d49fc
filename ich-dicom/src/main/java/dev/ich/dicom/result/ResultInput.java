package dev.ich.dicom.result;

import dev.ich.core.analysis.AnalysisResult;
import dev.ich.core.volume.BinaryMask;
import dev.ich.core.volume.CtVolume;
import java.awt.image.BufferedImage;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * What {@link DicomResultWriter} writes DICOM objects from: one analysis of one DICOM series.
 *
 * @param source the analysed series ({@link SourceStudy#read})
 * @param ct the analysed volume, as the reader made it from that series
 * @param result the analysis of {@code ct}
 * @param haematoma the haematoma segmentation on {@code ct}'s grid (for example the threshold
 *     segmentation behind the classical estimates), written as the segmentation's one segment
 * @param overlay the overlay picture of slice {@code k}, {@code nx × ny} pixels with column {@code
 *     i} and row {@code j} of the grid, or null to write no overlay series
 */
public record ResultInput(
        SourceStudy source,
        CtVolume ct,
        AnalysisResult result,
        BinaryMask haematoma,
        IntFunction<BufferedImage> overlay) {

    private static final double GRID_TOLERANCE_MM = 1e-3;

    /**
     * @throws IllegalArgumentException when the parts do not belong together: another series, grid
     *     or number of slices
     */
    public ResultInput {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(ct, "ct");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(haematoma, "haematoma");
        if (!source.seriesInstanceUid().equals(ct.provenance().seriesInstanceUid())) {
            throw new IllegalArgumentException(
                    "the volume was read from series "
                            + ct.provenance().seriesInstanceUid()
                            + ", the source is series "
                            + source.seriesInstanceUid());
        }
        if (source.slices().size() != ct.geometry().nz()) {
            throw new IllegalArgumentException(
                    "the source has "
                            + source.slices().size()
                            + " slices, the volume "
                            + ct.geometry().nz());
        }
        if (!ct.geometry().sameGrid(result.geometry(), GRID_TOLERANCE_MM)
                || !ct.geometry().sameGrid(haematoma.geometry(), GRID_TOLERANCE_MM)) {
            throw new IllegalArgumentException(
                    "the volume, the result and the segmentation lie on different grids");
        }
    }
}
