package dev.ich.core.preprocess;

import dev.ich.core.volume.HuWindow;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * What the preprocessing does: crop to the head, window, resize. Immutable; made with {@link
 * #builder()} or {@link #paper()}.
 *
 * <p>The steps run in this order: (1) the bounding box of the voxels whose HU is strictly above
 * {@link #airThresholdHu()}, grown by {@link #marginVoxels()} on every side and clamped to the
 * volume, is cut out of the HU volume; (2) the {@link #window()} clips and scales it to [0, 1]; (3)
 * it is resized to {@link #depth()} × {@link #height()} × {@link #width()} by trilinear
 * interpolation with the semantics of PyTorch's {@code F.interpolate(x, size=(D, H, W),
 * mode='trilinear', align_corners=False)}. Model axes follow the source voxel axes: depth ↔ {@code
 * k} (slices), height ↔ {@code j} (rows), width ↔ {@code i} (columns).
 *
 * <p>Two options are off in the paper's configuration. Bone suppression ({@link
 * #boneSuppressionHu()}): before the window, voxels above a HU value (bone, calcification, metal)
 * are set to the window's lower bound, so they become 0 like air. Anti-aliasing ({@link
 * #antiAliasing()}, see {@link AntiAliasing}): the windowed volume is low-pass filtered before the
 * resize.
 *
 * <p>Why bone suppression: the window maps bone to 1, brain to about 0 and blood to about 0.4, so
 * wherever a resize averages skull with brain it makes a shell of blood-like values all round the
 * head. At the CPU preset's 80 × 80 columns the input holds about 300 ml of blood-like values per
 * head where the bleeds average 21 ml; with bone above 150 HU suppressed, 21 ml: the bleeds
 * themselves (docs/preprocessing.md). Acute blood is below 100 HU, so the threshold removes none of
 * it.
 *
 * <p>How many threads do the work is not part of the configuration: it does not change the result
 * (see {@link Preprocessor}).
 */
public final class PreprocessingConfig {

    /**
     * HU above which a voxel belongs to the head (or to anything else in the field of view, such as
     * the head-rest). Air is about −1000 HU with noise of a few tens of HU, fat about −100 HU and
     * skin and soft tissue above that, so the midpoint −500 HU separates them with a wide margin on
     * both sides and does not depend on the scanner's noise level.
     */
    public static final double PAPER_AIR_THRESHOLD_HU = -500;

    /**
     * No margin: every voxel outside the bounding box is at most the air threshold (−500 HU), hence
     * below the brain window's lower bound (40 HU) and 0 after windowing, so a margin would only
     * add zeros and shrink the head in the model input. Zero is also the literal reading of the
     * paper ("cut away the blank border").
     */
    public static final int PAPER_MARGIN_VOXELS = 0;

    /** The paper's input depth (slices). */
    public static final int PAPER_DEPTH = 32;

    /** The paper's input height (rows). */
    public static final int PAPER_HEIGHT = 224;

    /** The paper's input width (columns). */
    public static final int PAPER_WIDTH = 224;

    /**
     * Version of the algorithm behind the numbers, part of {@link #fingerprint()}: raise it
     * whenever a change to the code (not to the settings) changes the model input, so that caches
     * of preprocessed studies are invalidated.
     */
    static final int ALGORITHM_VERSION = 1;

    private static final long MAX_OUTPUT_VOXELS = Integer.MAX_VALUE - 8;

    private final HuWindow window;
    private final double airThresholdHu;
    private final int marginVoxels;
    private final int depth;
    private final int height;
    private final int width;
    private final boolean antiAliasing;
    private final double boneSuppressionHu;

    private PreprocessingConfig(Builder b) {
        this.window = b.window;
        this.airThresholdHu = b.airThresholdHu;
        this.marginVoxels = b.marginVoxels;
        this.depth = b.depth;
        this.height = b.height;
        this.width = b.width;
        this.antiAliasing = b.antiAliasing;
        this.boneSuppressionHu = b.boneSuppressionHu;
    }

    /**
     * The paper's preprocessing: brain window [40, 110] HU → [0, 1], crop to the voxels above
     * {@value #PAPER_AIR_THRESHOLD_HU} HU with a margin of {@value #PAPER_MARGIN_VOXELS} voxels,
     * trilinear resize to 32 × 224 × 224.
     */
    public static PreprocessingConfig paper() {
        return builder().build();
    }

    /** A builder holding the paper's values; change what differs. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        return new Builder()
                .window(window)
                .airThresholdHu(airThresholdHu)
                .marginVoxels(marginVoxels)
                .targetShape(depth, height, width)
                .antiAliasing(antiAliasing)
                .boneSuppressionHu(boneSuppressionHu);
    }

    public HuWindow window() {
        return window;
    }

    /** Voxels strictly above this HU value define the head's bounding box. */
    public double airThresholdHu() {
        return airThresholdHu;
    }

    /** Voxels added on every side of the bounding box (clamped to the volume). */
    public int marginVoxels() {
        return marginVoxels;
    }

    /** Model-input slices (D), resampled from source axis {@code k}. */
    public int depth() {
        return depth;
    }

    /** Model-input rows (H), resampled from source axis {@code j}. */
    public int height() {
        return height;
    }

    /** Model-input columns (W), resampled from source axis {@code i}. */
    public int width() {
        return width;
    }

    /**
     * Whether the windowed volume is Gaussian-filtered before the resize, σ = (in / out − 1) / 2
     * source voxels per axis (scikit-image's and MONAI's {@code anti_aliasing}). Not in the paper.
     */
    public boolean antiAliasing() {
        return antiAliasing;
    }

    /**
     * Whether voxels above {@link #boneSuppressionHu()} are set to the window's lower bound before
     * the window. Not in the paper.
     */
    public boolean boneSuppression() {
        return !Double.isNaN(boneSuppressionHu);
    }

    /**
     * The HU value above which a voxel counts as bone and is set to the window's lower bound before
     * the window; {@code NaN} when {@link #boneSuppression()} is off.
     */
    public double boneSuppressionHu() {
        return boneSuppressionHu;
    }

    /** {@code {depth, height, width}}. */
    public int[] targetShape() {
        return new int[] {depth, height, width};
    }

    /**
     * A stable identifier of what this configuration produces: equal for equal settings on any JVM
     * and in any release with the same {@link #ALGORITHM_VERSION}, different when a setting or the
     * algorithm changes. Use it as (part of) a cache key for preprocessed studies.
     *
     * @return {@code "pp1-"} followed by 16 hex digits of a SHA-256 digest
     */
    public String fingerprint() {
        // Doubles enter as their exact bits, so the text does not depend on Double.toString.
        String canonical =
                "ich-preprocess;algorithm="
                        + ALGORITHM_VERSION
                        + ";order=crop,window,resize;interpolation=trilinear,align_corners=false"
                        + ";window="
                        + bits(window.lower())
                        + ","
                        + bits(window.upper())
                        + ";air="
                        + bits(airThresholdHu)
                        + ";margin="
                        + marginVoxels
                        + ";shape="
                        + depth
                        + "x"
                        + height
                        + "x"
                        + width
                        // only when on, so the fingerprints (and caches) made before the option
                        // existed stay valid
                        + (antiAliasing
                                ? ";antialias=gaussian,sigma=(in/out-1)/2,truncate=4,nearest"
                                : "")
                        + (boneSuppression()
                                ? ";bone=" + bits(boneSuppressionHu) + ",to=lower"
                                : "");
        byte[] digest;
        try {
            digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(canonical.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
        StringBuilder sb = new StringBuilder("pp" + ALGORITHM_VERSION + "-");
        for (int n = 0; n < 8; n++) {
            sb.append(Character.forDigit((digest[n] >> 4) & 0xf, 16))
                    .append(Character.forDigit(digest[n] & 0xf, 16));
        }
        return sb.toString();
    }

    private static String bits(double v) {
        // -0.0 and 0.0 mean the same threshold; one key for both.
        return Long.toHexString(Double.doubleToLongBits(v == 0 ? 0.0 : v));
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PreprocessingConfig)) {
            return false;
        }
        PreprocessingConfig c = (PreprocessingConfig) o;
        return window.equals(c.window)
                && Double.compare(airThresholdHu, c.airThresholdHu) == 0
                && marginVoxels == c.marginVoxels
                && depth == c.depth
                && height == c.height
                && width == c.width
                && antiAliasing == c.antiAliasing
                && Double.compare(boneSuppressionHu, c.boneSuppressionHu) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                window,
                airThresholdHu,
                marginVoxels,
                depth,
                height,
                width,
                antiAliasing,
                boneSuppressionHu);
    }

    @Override
    public String toString() {
        return "PreprocessingConfig[window=["
                + window.lower()
                + ", "
                + window.upper()
                + "] HU, airThreshold="
                + airThresholdHu
                + " HU, margin="
                + marginVoxels
                + " voxels, target="
                + depth
                + "×"
                + height
                + "×"
                + width
                + (antiAliasing ? ", anti-aliasing" : "")
                + (boneSuppression() ? ", bone above " + boneSuppressionHu + " HU suppressed" : "")
                + "]";
    }

    /** Collects settings; {@link #build()} checks them. Starts from the paper's values. */
    public static final class Builder {

        private HuWindow window = HuWindow.brain();
        private double airThresholdHu = PAPER_AIR_THRESHOLD_HU;
        private int marginVoxels = PAPER_MARGIN_VOXELS;
        private int depth = PAPER_DEPTH;
        private int height = PAPER_HEIGHT;
        private int width = PAPER_WIDTH;
        private boolean antiAliasing;
        private double boneSuppressionHu = Double.NaN;

        private Builder() {}

        /** The intensity window applied after cropping; the paper's is {@link HuWindow#brain()}. */
        public Builder window(HuWindow value) {
            this.window = value;
            return this;
        }

        /** Voxels strictly above this HU value define the head's bounding box. */
        public Builder airThresholdHu(double value) {
            this.airThresholdHu = value;
            return this;
        }

        /** Voxels added on every side of the bounding box; 0 or more. */
        public Builder marginVoxels(int value) {
            this.marginVoxels = value;
            return this;
        }

        /** The model-input shape: depth (slices) × height (rows) × width (columns). */
        public Builder targetShape(int depthValue, int heightValue, int widthValue) {
            this.depth = depthValue;
            this.height = heightValue;
            this.width = widthValue;
            return this;
        }

        /** Gaussian low-pass filter before the resize; off in the paper's configuration. */
        public Builder antiAliasing(boolean value) {
            this.antiAliasing = value;
            return this;
        }

        /**
         * Voxels strictly above this HU value are set to the window's lower bound before the
         * window; {@code NaN} (the paper's configuration) turns it off. It must be at least the
         * window's upper bound, so that no value inside the window is suppressed.
         */
        public Builder boneSuppressionHu(double value) {
            this.boneSuppressionHu = value;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the field and its value when a setting is invalid
         */
        public PreprocessingConfig build() {
            if (window == null) {
                throw new IllegalArgumentException("window must be set, got null");
            }
            if (!Double.isFinite(airThresholdHu)) {
                throw new IllegalArgumentException(
                        "airThresholdHu must be finite, got " + airThresholdHu);
            }
            if (Double.isInfinite(boneSuppressionHu) || boneSuppressionHu < window.upper()) {
                throw new IllegalArgumentException(
                        "boneSuppressionHu must be at least the window's upper bound ("
                                + window.upper()
                                + " HU) or NaN for none, got "
                                + boneSuppressionHu);
            }
            if (marginVoxels < 0) {
                throw new IllegalArgumentException(
                        "marginVoxels must be 0 or more, got " + marginVoxels);
            }
            requirePositive("depth", depth);
            requirePositive("height", height);
            requirePositive("width", width);
            long voxels = (long) depth * height * width;
            if (voxels > MAX_OUTPUT_VOXELS) {
                throw new IllegalArgumentException(
                        "target shape "
                                + depth
                                + "×"
                                + height
                                + "×"
                                + width
                                + " has "
                                + voxels
                                + " voxels, more than a Java array holds");
            }
            return new PreprocessingConfig(this);
        }

        private void requirePositive(String field, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(
                        "target shape "
                                + field
                                + " must be at least 1, got "
                                + value
                                + " (target shape "
                                + depth
                                + "×"
                                + height
                                + "×"
                                + width
                                + ")");
            }
        }
    }
}
