package dev.ich.samples.demo;

/**
 * The demo's headline figures, all on the held-out test set.
 *
 * @param testCases held-out studies
 * @param modelMapePercent the network's volume MAPE
 * @param abc2MapePercent ABC/2 on the CT's threshold segmentation
 * @param modelMaeMl the network's volume MAE
 * @param auc the network's prognosis AUC
 * @param accuracy the network's prognosis accuracy at 0.5
 * @param energyInMask mean share of the volume-head heatmap's energy inside the true mask (NaN if
 *     not explained)
 * @param pointingGame share of the heatmaps whose maximum lies inside the true mask
 * @param seconds wall time of the whole demo
 */
public record DemoSummary(
        int testCases,
        double modelMapePercent,
        double abc2MapePercent,
        double modelMaeMl,
        double auc,
        double accuracy,
        double energyInMask,
        double pointingGame,
        double seconds) {}
