package dev.ich.core.analysis;

import dev.ich.core.error.IchException;
import dev.ich.core.preprocess.PreprocessedStudy;

/**
 * Explains one head of the network for one study, as a map on the study's own voxel grid.
 * ich-explain's Grad-CAM implements it. Implementations must be safe to call from several threads.
 */
public interface HeatmapExplainer {

    StudyHeatmap explain(PreprocessedStudy study, Head head) throws IchException;
}
