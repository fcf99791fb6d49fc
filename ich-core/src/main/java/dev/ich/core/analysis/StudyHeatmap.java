package dev.ich.core.analysis;

import dev.ich.core.geometry.VolumeGeometry;
import java.util.Objects;

/**
 * A heatmap on a study's voxel grid. Immutable: arrays are copied in and out.
 */
public final class StudyHeatmap {

    private final Head head;
    private final String method;
    private final VolumeGeometry geometry;
    private final float[] raw;
    private final float[] normalised;

    /**
     * @param head the explained head
     * @param method how the map was made, e.g. "Grad-CAM, stage 4"
     * @param geometry the study's voxel grid
     * @param raw the map's values as computed
     * @param normalised the map scaled to [0, 1]
     */
    public StudyHeatmap(Head head, String method, VolumeGeometry geometry, float[] raw, float[] normalised) {
        this.head = Objects.requireNonNull(head, "head");
        this.method = Objects.requireNonNull(method, "method");
        this.geometry = Objects.requireNonNull(geometry, "geometry");
        if (raw.length != geometry.voxelCount() || normalised.length != geometry.voxelCount()) {
            throw new IllegalArgumentException("maps have " + raw.length + " and " + normalised.length
                + " values but the grid has " + geometry.voxelCount());
        }
        this.raw = raw.clone();
        this.normalised = normalised.clone();
    }

    public Head head() {
        return head;
    }

    public String method() {
        return method;
    }

    public VolumeGeometry geometry() {
        return geometry;
    }

    public float[] raw() {
        return raw.clone();
    }

    public float[] normalised() {
        return normalised.clone();
    }

    public float normalisedAt(int index) {
        return normalised[index];
    }
}
