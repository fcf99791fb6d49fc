package dev.ich.model;

import dev.ich.core.preprocess.PreprocessingConfig;
import dev.ich.core.volume.HuWindow;

/**
 * The preprocessing a model was trained with, as stored in {@code model.json}: the settings of
 * ich-core's {@link PreprocessingConfig} and its fingerprint at training time. On load the
 * fingerprint is recomputed; a difference means the preprocessing code changed in a way that
 * changes model inputs, and the model is refused rather than fed inputs it never saw. A {@code
 * model.json} written before {@code antiAliasing} or {@code boneSuppressionHu} existed reads as
 * {@code false} and {@code null} (off), which is what those models were trained with.
 *
 * @param boneSuppressionHu {@link PreprocessingConfig#boneSuppressionHu()}, {@code null} when off
 *     (JSON has no NaN)
 */
public record PreprocessingSettings(
        double windowLowerHu,
        double windowUpperHu,
        double airThresholdHu,
        int marginVoxels,
        int depth,
        int height,
        int width,
        boolean antiAliasing,
        Double boneSuppressionHu,
        String fingerprint) {

    public static PreprocessingSettings of(PreprocessingConfig c) {
        return new PreprocessingSettings(
                c.window().lower(),
                c.window().upper(),
                c.airThresholdHu(),
                c.marginVoxels(),
                c.depth(),
                c.height(),
                c.width(),
                c.antiAliasing(),
                c.boneSuppression() ? Double.valueOf(c.boneSuppressionHu()) : null,
                c.fingerprint());
    }

    /**
     * The paper's preprocessing resized to the network's input (for models without a record, e.g.
     * imported).
     */
    public static PreprocessingSettings paperFor(NetworkConfig network) {
        return of(
                PreprocessingConfig.paper().toBuilder()
                        .targetShape(
                                network.inputDepth(), network.inputHeight(), network.inputWidth())
                        .build());
    }

    /** The configuration these settings describe. */
    public PreprocessingConfig toConfig() {
        return PreprocessingConfig.builder()
                .window(new HuWindow(windowLowerHu, windowUpperHu))
                .airThresholdHu(airThresholdHu)
                .marginVoxels(marginVoxels)
                .targetShape(depth, height, width)
                .antiAliasing(antiAliasing)
                .boneSuppressionHu(boneSuppressionHu == null ? Double.NaN : boneSuppressionHu)
                .build();
    }
}
