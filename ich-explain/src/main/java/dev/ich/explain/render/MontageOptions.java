package dev.ich.explain.render;

import dev.ich.core.volume.HuWindow;
import java.util.Objects;

/**
 * How a montage looks. Made with {@link #builder()}; {@link Builder#build()} validates.
 *
 * @param slices number of axial slices shown, taken at equal intervals through the head
 * @param columns tiles per row
 * @param tileSize the longer side of one slice tile in pixels
 * @param colorMap the heatmap's colour map
 * @param window the greyscale window under the heatmap: by default the clinical brain window (level
 *     40, width 80 HU), which shows grey and white matter; the paper's model-input window [40, 110]
 *     HU ({@link HuWindow#brain()}) makes normal brain nearly black
 * @param maxOpacity the heatmap's opacity where it is 1 (it fades to transparent at 0)
 * @param headThresholdHu slices are chosen among those with a voxel above this HU (the head)
 * @param saturationEnergyQuantile the colours reach the top of the colour bar at the strength above
 *     which the map's strongest voxels hold {@code 1 − q} of its evidence (the sum of the
 *     strengths); 1, the default, is the map's maximum. A voxel-level map such as integrated
 *     gradients has a few extreme voxels; {@link #VOXEL_LEVEL_SATURATION} shows the rest of it
 *     instead of fading it to near transparency, and weighting by evidence keeps the many voxels
 *     with almost none from setting the scale
 */
public record MontageOptions(
        int slices,
        int columns,
        int tileSize,
        ColorMap colorMap,
        HuWindow window,
        double maxOpacity,
        double headThresholdHu,
        double saturationEnergyQuantile) {

    /**
     * A {@link #saturationEnergyQuantile()} for voxel-level maps such as integrated gradients: the
     * strongest voxels holding the last 10 % of the evidence saturate. Chosen by eye on a 2 ml and
     * a 97 ml phantom bleed: with 0.98 the large bleed's voxels stayed nearly transparent, with 0.8
     * weak evidence over the small bleed's skull base lit up.
     */
    public static final double VOXEL_LEVEL_SATURATION = 0.9;

    public MontageOptions {
        Objects.requireNonNull(colorMap, "colorMap");
        Objects.requireNonNull(window, "window");
        if (slices < 1 || slices > 64) {
            throw new IllegalArgumentException("slices must be in [1, 64], got " + slices);
        }
        if (columns < 1 || columns > 16) {
            throw new IllegalArgumentException("columns must be in [1, 16], got " + columns);
        }
        if (tileSize < 32 || tileSize > 2048) {
            throw new IllegalArgumentException(
                    "tileSize must be in [32, 2048] pixels, got " + tileSize);
        }
        if (!(maxOpacity > 0 && maxOpacity <= 1)) {
            throw new IllegalArgumentException("maxOpacity must be in (0, 1], got " + maxOpacity);
        }
        if (!Double.isFinite(headThresholdHu)) {
            throw new IllegalArgumentException(
                    "headThresholdHu must be finite, got " + headThresholdHu);
        }
        if (!(saturationEnergyQuantile > 0 && saturationEnergyQuantile <= 1)) {
            throw new IllegalArgumentException(
                    "saturationEnergyQuantile must be in (0, 1], got " + saturationEnergyQuantile);
        }
    }

    /** 8 slices in 4 columns of 256 px, inferno over the clinical brain window, opacity 0.65. */
    public static MontageOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link MontageOptions}. */
    public static final class Builder {
        private int slices = 8;
        private int columns = 4;
        private int tileSize = 256;
        private ColorMap colorMap = ColorMap.INFERNO;
        private HuWindow window = HuWindow.ofCenterWidth(40, 80);
        private double maxOpacity = 0.65;
        private double headThresholdHu = -500;
        private double saturationEnergyQuantile = 1;

        private Builder() {}

        public Builder slices(int value) {
            slices = value;
            return this;
        }

        public Builder columns(int value) {
            columns = value;
            return this;
        }

        public Builder tileSize(int value) {
            tileSize = value;
            return this;
        }

        public Builder colorMap(ColorMap value) {
            colorMap = value;
            return this;
        }

        public Builder window(HuWindow value) {
            window = value;
            return this;
        }

        public Builder maxOpacity(double value) {
            maxOpacity = value;
            return this;
        }

        public Builder headThresholdHu(double value) {
            headThresholdHu = value;
            return this;
        }

        public Builder saturationEnergyQuantile(double value) {
            saturationEnergyQuantile = value;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the field and value that is out of range
         */
        public MontageOptions build() {
            return new MontageOptions(
                    slices,
                    columns,
                    tileSize,
                    colorMap,
                    window,
                    maxOpacity,
                    headThresholdHu,
                    saturationEnergyQuantile);
        }
    }
}
