package dev.ich.eval.estimators;

import dev.ich.core.analysis.VolumeEstimator;
import dev.ich.core.volume.CtVolume;
import java.util.Objects;

/**
 * A clinicians' formula applied to a threshold segmentation of the CT: what a user without a
 * reviewed mask gets beside the network's estimate in every {@code IchAnalyzer} result.
 */
public final class SegmentationVolumeEstimator implements VolumeEstimator {

    private final VolumeMethod method;
    private final HaematomaSegmenter segmenter;

    private SegmentationVolumeEstimator(VolumeMethod method, HaematomaSegmenter segmenter) {
        this.method = Objects.requireNonNull(method, "method");
        this.segmenter = Objects.requireNonNull(segmenter, "segmenter");
    }

    /** {@code method} on the default threshold segmentation ({@link HaematomaSegmenter#defaults()}). */
    public static SegmentationVolumeEstimator of(VolumeMethod method) {
        return new SegmentationVolumeEstimator(method, HaematomaSegmenter.defaults());
    }

    /** {@code method} on the segmentation {@code segmenter} makes. */
    public static SegmentationVolumeEstimator of(VolumeMethod method, HaematomaSegmenter segmenter) {
        return new SegmentationVolumeEstimator(method, segmenter);
    }

    /** The method's short name, e.g. "abc2". */
    @Override
    public String name() {
        return method.cliName();
    }

    @Override
    public double estimateMl(CtVolume ct) {
        return ClinicalVolumeEstimator.volumeMl(segmenter.segment(ct), method);
    }
}
