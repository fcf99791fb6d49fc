package dev.ich.eval.estimators;

import dev.ich.core.analysis.VolumeEstimator;
import dev.ich.core.geometry.VolumeGeometry;
import dev.ich.core.volume.BinaryMask;
import dev.ich.core.volume.CtVolume;
import java.util.BitSet;
import java.util.Objects;

/**
 * A clinicians' formula applied to a threshold segmentation of the CT: what a user without a
 * reviewed mask gets beside the network's estimate in every {@code IchAnalyzer} result.
 *
 * <p>The ABC formulas are applied to each connected part of the segmentation and summed, as a
 * clinician measures separate bleeds separately: one ABC over the union would stretch A and B
 * between a haematoma and an unrelated speck on the same slice. Planimetry counts every voxel.
 */
public final class SegmentationVolumeEstimator implements VolumeEstimator {

    private final VolumeMethod method;
    private final HaematomaSegmenter segmenter;

    private SegmentationVolumeEstimator(VolumeMethod method, HaematomaSegmenter segmenter) {
        this.method = Objects.requireNonNull(method, "method");
        this.segmenter = Objects.requireNonNull(segmenter, "segmenter");
    }

    /**
     * {@code method} on the default threshold segmentation ({@link HaematomaSegmenter#defaults()}).
     */
    public static SegmentationVolumeEstimator of(VolumeMethod method) {
        return new SegmentationVolumeEstimator(method, HaematomaSegmenter.defaults());
    }

    /** {@code method} on the segmentation {@code segmenter} makes. */
    public static SegmentationVolumeEstimator of(
            VolumeMethod method, HaematomaSegmenter segmenter) {
        return new SegmentationVolumeEstimator(method, segmenter);
    }

    /** The method's short name, e.g. "abc2". */
    @Override
    public String name() {
        return method.cliName();
    }

    @Override
    public double estimateMl(CtVolume ct) {
        BinaryMask segmentation = segmenter.segment(ct);
        if (segmentation.count() == 0) {
            return 0; // the threshold found no haematoma: nothing to measure
        }
        if (method == VolumeMethod.PLANIMETRY) {
            return ClinicalVolumeEstimator.volumeMl(segmentation, method);
        }
        VolumeGeometry g = segmentation.geometry();
        double total = 0;
        for (BitSet part : Components.split(segmentation.bits(), g.nx(), g.ny(), g.nz())) {
            total += ClinicalVolumeEstimator.volumeMl(BinaryMask.fromBits(g, part), method);
        }
        return total;
    }
}
