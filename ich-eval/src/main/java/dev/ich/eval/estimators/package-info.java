/**
 * The clinicians' bedside volume formulas the paper compares its network with (Table 1): ABC/2,
 * ABC/3, 2/3·S·h and planimetry, measured on a haematoma {@link dev.ich.core.volume.BinaryMask}
 * ({@link dev.ich.eval.estimators.ClinicalVolumeEstimator}), and a threshold segmentation of the
 * haematoma restricted to the intracranial region for when no mask is at hand ({@link
 * dev.ich.eval.estimators.HaematomaSegmenter}).
 */
package dev.ich.eval.estimators;
