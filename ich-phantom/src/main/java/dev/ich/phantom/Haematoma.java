package dev.ich.phantom;

import dev.ich.core.geometry.Vec3;
import java.util.Objects;

/**
 * One haematoma of a phantom.
 *
 * @param location its location class
 * @param centreMm the point it was grown from, in patient coordinates (LPS mm); always inside it
 * @param voxelCount voxels in its mask
 * @param volumeMl {@code voxelCount} × voxel volume, ml
 * @param densityHu its mean density before noise, HU
 */
public record Haematoma(
        Location location, Vec3 centreMm, int voxelCount, double volumeMl, double densityHu) {

    public Haematoma {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(centreMm, "centreMm");
        if (voxelCount < 1 || !(volumeMl > 0)) {
            throw new IllegalArgumentException(
                    "a haematoma needs at least one voxel, got "
                            + voxelCount
                            + " ("
                            + volumeMl
                            + " ml)");
        }
    }
}
