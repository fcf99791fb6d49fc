package dev.ich.model.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one epoch achieved. Validation figures are {@code NaN} without a validation set (and the AUC
 * also when the validation set has one class only).
 *
 * @param epoch 1-based
 * @param trainLoss mean loss over the epoch's batches (training mode)
 * @param validationLoss the loss on the validation set (inference mode)
 * @param validationMaeMl mean absolute volume error in ml
 * @param validationMapePercent mean absolute percentage volume error over studies with a volume
 *     above 0
 * @param validationAccuracy prognosis accuracy at the model's threshold
 * @param validationAuc area under the ROC curve of the probability of death (Mann–Whitney, ties
 *     count half)
 * @param seconds wall time of the epoch
 */
public record EpochMetrics(
        int epoch,
        double trainLoss,
        double validationLoss,
        double validationMaeMl,
        double validationMapePercent,
        double validationAccuracy,
        double validationAuc,
        double seconds) {

    /** Metric name → value, the names used in model.json. */
    public Map<String, Double> asMap() {
        Map<String, Double> map = new LinkedHashMap<>();
        map.put("train_loss", trainLoss);
        map.put("val_loss", validationLoss);
        map.put("val_mae_ml", validationMaeMl);
        map.put("val_mape_percent", validationMapePercent);
        map.put("val_accuracy", validationAccuracy);
        map.put("val_auc", validationAuc);
        return map;
    }
}
