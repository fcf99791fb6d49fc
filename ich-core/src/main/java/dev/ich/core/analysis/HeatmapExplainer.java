package dev.ich.core.analysis;

import dev.ich.core.error.IchException;
import dev.ich.core.preprocess.PreprocessedStudy;

/**
 * Explains one head of the network for one study, as a map on the study's own voxel grid.
 * ich-explain's {@code Explainer} (Grad-CAM family, integrated gradients) implements it.
 * Implementations must be safe to call from several threads.
 */
public interface HeatmapExplainer {

    /** The map of {@code head}'s evidence for {@code study}, on the study's own voxel grid. */
    StudyHeatmap explain(PreprocessedStudy study, Head head) throws IchException;
}
