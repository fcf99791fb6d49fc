package dev.ich.core.analysis;

import dev.ich.core.geometry.VolumeGeometry;
import java.util.Arrays;
import java.util.Objects;

/**
 * An explanation map on a study's voxel grid, so it overlays the CT exactly and can be written as
 * NIfTI with the study's affine. Immutable: arrays are copied in and out. ich-explain makes them;
 * {@link IchAnalyzer} returns them in {@link AnalysisResult#heatmaps()}.
 *
 * <p>{@link #raw()} holds the method's values (for the Grad-CAM family in the units of {@code
 * ∂y/∂A·A}); {@link #normalised()} maps them to [0, 1]: for a non-negative map {@code max(raw, 0) /
 * max(raw)}, so 0 stays "no evidence"; for a {@link #signed()} map {@code 0.5 + raw /
 * (2·max|raw|)}, so 0.5 is "no evidence". An all-zero map normalises to all 0 (or all 0.5 when
 * signed). Voxels outside the part of the study the model saw are 0 in both.
 */
public final class StudyHeatmap {

    private final Head head;
    private final String method;
    private final boolean signed;
    private final VolumeGeometry geometry;
    private final float[] raw;
    private final float[] normalised;

    private StudyHeatmap(
            Head head, String method, boolean signed, VolumeGeometry geometry, float[] raw) {
        this.head = Objects.requireNonNull(head, "head");
        this.method = Objects.requireNonNull(method, "method");
        this.signed = signed;
        this.geometry = Objects.requireNonNull(geometry, "geometry");
        if (raw.length != geometry.voxelCount()) {
            throw new IllegalArgumentException(
                    "heatmap has "
                            + raw.length
                            + " values but the grid has "
                            + geometry.voxelCount());
        }
        for (int n = 0; n < raw.length; n++) {
            if (!Float.isFinite(raw[n])) {
                throw new IllegalArgumentException(
                        "heatmap value at voxel " + n + " is not finite: " + raw[n]);
            }
        }
        this.raw = raw;
        this.normalised = normalise(raw, signed);
    }

    /**
     * A heatmap of {@code raw} values (copied), {@code i} fastest; the normalised map is derived.
     *
     * @param head the explained head
     * @param method how the map was made, for titles and logs, e.g. "Grad-CAM, volume head, stage
     *     4"
     * @param signed whether the values carry a sign (evidence for and against), which changes how
     *     they are normalised
     * @param geometry the study's voxel grid
     * @param raw the map's values, one per voxel of {@code geometry}
     * @throws IllegalArgumentException when the values do not fit the grid or one is not finite
     */
    public static StudyHeatmap of(
            Head head, String method, boolean signed, VolumeGeometry geometry, float[] raw) {
        return new StudyHeatmap(head, method, signed, geometry, raw.clone());
    }

    private static float[] normalise(float[] raw, boolean signed) {
        float[] out = new float[raw.length];
        double scale = 0;
        for (float v : raw) {
            scale = Math.max(scale, signed ? Math.abs(v) : v);
        }
        if (scale <= 0) {
            if (signed) {
                Arrays.fill(out, 0.5f);
            }
            return out;
        }
        for (int n = 0; n < raw.length; n++) {
            double v = signed ? 0.5 + raw[n] / (2 * scale) : Math.max(0, raw[n]) / scale;
            out[n] = (float) v;
        }
        return out;
    }

    /** The explained head. */
    public Head head() {
        return head;
    }

    /** How the map was made, e.g. "Grad-CAM, volume head, stage 4". */
    public String method() {
        return method;
    }

    /** Whether the values carry a sign; then 0.5 is "no evidence" in {@link #normalised()}. */
    public boolean signed() {
        return signed;
    }

    /** The study's voxel grid. */
    public VolumeGeometry geometry() {
        return geometry;
    }

    /** A copy of the raw values, {@code i} fastest. */
    public float[] raw() {
        return raw.clone();
    }

    /** A copy of the 0–1 values, {@code i} fastest. */
    public float[] normalised() {
        return normalised.clone();
    }

    /** The raw value at a flat voxel index ({@link VolumeGeometry#index}). */
    public float rawAt(int index) {
        return raw[index];
    }

    /** The 0–1 value at a flat voxel index ({@link VolumeGeometry#index}). */
    public float normalisedAt(int index) {
        return normalised[index];
    }

    /** The 0–1 value at voxel {@code (i, j, k)}. */
    public float normalisedAt(int i, int j, int k) {
        return normalised[geometry.index(i, j, k)];
    }

    /** The largest raw value. */
    public float maxRaw() {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : raw) {
            m = Math.max(m, v);
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StudyHeatmap h
                && h.head == head
                && h.method.equals(method)
                && h.signed == signed
                && h.geometry.equals(geometry)
                && Arrays.equals(h.raw, raw);
    }

    @Override
    public int hashCode() {
        return Objects.hash(head, method, signed, geometry, Arrays.hashCode(raw));
    }

    @Override
    public String toString() {
        return "StudyHeatmap["
                + method
                + ", "
                + geometry.nx()
                + "×"
                + geometry.ny()
                + "×"
                + geometry.nz()
                + "]";
    }
}
