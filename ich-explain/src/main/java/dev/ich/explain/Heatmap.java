package dev.ich.explain;

import dev.ich.core.analysis.Head;
import dev.ich.core.analysis.StudyHeatmap;
import dev.ich.core.geometry.VolumeGeometry;
import dev.ich.explain.cam.CamMethod;
import dev.ich.explain.cam.Polarity;
import java.util.Arrays;
import java.util.Objects;

/**
 * An explanation map on a voxel grid (normally the study's own grid, so it overlays the CT exactly
 * and can be written as NIfTI with the study's affine). Immutable: arrays are copied in and out.
 *
 * <p>{@link #raw()} holds the method's values in the units of {@code ∂y/∂A·A}; {@link #normalised()}
 * maps them to [0, 1]: for the non-negative maps ({@link Polarity#POSITIVE}, {@link Polarity#NEGATIVE})
 * {@code raw / max(raw)}, so 0 stays "no evidence"; for {@link Polarity#SIGNED}
 * {@code 0.5 + raw / (2·max|raw|)}, so 0.5 is "no evidence". An all-zero map normalises to all 0
 * (or all 0.5 when signed). Voxels outside the part of the study the model saw are 0 in both.
 */
public final class Heatmap {

    private final VolumeGeometry geometry;
    private final float[] raw;
    private final float[] normalised;
    private final CamRequest request;

    private Heatmap(VolumeGeometry geometry, float[] raw, CamRequest request) {
        this.geometry = Objects.requireNonNull(geometry, "geometry");
        this.request = Objects.requireNonNull(request, "request");
        if (raw.length != geometry.voxelCount()) {
            throw new IllegalArgumentException("heatmap has " + raw.length + " values but the grid has "
                + geometry.voxelCount());
        }
        for (int n = 0; n < raw.length; n++) {
            if (!Float.isFinite(raw[n])) {
                throw new IllegalArgumentException("heatmap value at voxel " + n + " is not finite: " + raw[n]);
            }
        }
        this.raw = raw;
        this.normalised = normalise(raw, request.polarity() == Polarity.SIGNED);
    }

    /** A heatmap of {@code raw} values (copied) on {@code geometry}; the normalised map is derived. */
    public static Heatmap of(VolumeGeometry geometry, float[] raw, CamRequest request) {
        return new Heatmap(geometry, raw.clone(), request);
    }

    /** Takes ownership of {@code raw}; for producers in this module that have just filled it. */
    static Heatmap wrap(VolumeGeometry geometry, float[] raw, CamRequest request) {
        return new Heatmap(geometry, raw, request);
    }

    static float[] normalise(float[] raw, boolean signed) {
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

    public float rawAt(int index) {
        return raw[index];
    }

    public float normalisedAt(int index) {
        return normalised[index];
    }

    public float normalisedAt(int i, int j, int k) {
        return normalised[geometry.index(i, j, k)];
    }

    public CamRequest request() {
        return request;
    }

    public CamMethod method() {
        return request.method();
    }

    public Head head() {
        return request.head();
    }

    public int stage() {
        return request.stage();
    }

    public Polarity polarity() {
        return request.polarity();
    }

    /** This map as ich-core's {@link StudyHeatmap} (for {@link dev.ich.core.analysis.IchAnalyzer}). */
    public StudyHeatmap toStudyHeatmap() {
        return new StudyHeatmap(request.head(), request.describe(), geometry, raw, normalised);
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
        return o instanceof Heatmap h && h.geometry.equals(geometry) && h.request.equals(request)
            && Arrays.equals(h.raw, raw);
    }

    @Override
    public int hashCode() {
        return Objects.hash(geometry, request, Arrays.hashCode(raw));
    }

    @Override
    public String toString() {
        return "Heatmap[" + request.describe() + ", " + geometry.nx() + "×" + geometry.ny() + "×" + geometry.nz() + "]";
    }
}
