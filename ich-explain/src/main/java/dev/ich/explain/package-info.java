/**
 * Explanations of the multi-task network: heatmaps of the Grad-CAM family for the volume and the
 * prognosis head, on the study's own voxel grid. ich-core's {@link
 * dev.ich.core.analysis.StudyHeatmap} is the result type (immutable, plain arrays, no deep-learning
 * types); {@link dev.ich.explain.CamRequest} says what to explain. The arithmetic is in {@code
 * cam}, rendering in {@code render}, localisation and faithfulness scores in {@code score}.
 */
package dev.ich.explain;
