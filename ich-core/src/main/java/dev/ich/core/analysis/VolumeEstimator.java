package dev.ich.core.analysis;

import dev.ich.core.error.IchException;
import dev.ich.core.volume.CtVolume;

/**
 * A classical haematoma-volume estimate from the CT alone (ABC/2 or planimetry on a threshold
 * segmentation, as in ich-eval), reported beside the network's estimate.
 */
public interface VolumeEstimator {

    /** A short stable name, e.g. "abc2" or "planimetry". */
    String name();

    /** The estimated haematoma volume in ml. */
    double estimateMl(CtVolume ct) throws IchException;
}
