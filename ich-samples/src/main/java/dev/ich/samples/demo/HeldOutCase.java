package dev.ich.samples.demo;

import dev.ich.core.analysis.AnalysisResult;
import dev.ich.phantom.cohort.CohortCase;

/**
 * One held-out study after analysis.
 *
 * @param truth the cohort's truth and raters
 * @param result what the analyzer found
 * @param prognosisOnlyProbability the prognosis-only network's probability, or NaN without the
 *     ablation
 * @param energyInMask the share of the volume-head heatmap's energy inside the true mask, or NaN
 * @param maskShareOfHead the mask's share of the head voxels (what a uniform map would score)
 * @param pointingHit whether the heatmap's maximum lies inside the true mask (the pointing game)
 */
record HeldOutCase(
        CohortCase truth,
        AnalysisResult result,
        double prognosisOnlyProbability,
        double energyInMask,
        double maskShareOfHead,
        boolean pointingHit) {}
