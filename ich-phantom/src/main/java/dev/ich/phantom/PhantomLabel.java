package dev.ich.phantom;

import java.util.List;

/**
 * What a phantom's seed decides before any voxel is made: the haematomas' planned volumes and
 * locations and the outcome. {@link PhantomGenerator#label} computes it in microseconds, so a
 * cohort's labels (for balancing, splitting or checking statistics) need no images.
 *
 * @param targetVolumeMl the planned total volume, ml; the phantom's mask volume equals it to within
 *     half a voxel per haematoma
 * @param locations the planned location of each haematoma, the primary (largest) first
 * @param deathProbability the risk the outcome was drawn from (see {@link OutcomeModel})
 * @param outcome 1 = death, 0 = survival
 */
public record PhantomLabel(
        double targetVolumeMl, List<Location> locations, double deathProbability, int outcome) {

    public PhantomLabel {
        locations = List.copyOf(locations);
    }

    /** The location of the largest haematoma, or {@code null} when there is none. */
    public Location primaryLocation() {
        return locations.isEmpty() ? null : locations.get(0);
    }
}
