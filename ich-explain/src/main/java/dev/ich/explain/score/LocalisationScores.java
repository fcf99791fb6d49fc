package dev.ich.explain.score;

/**
 * Localisation of a heatmap against a mask (for example the haematoma segmentation).
 *
 * @param energyInside share of the heatmap's energy (sum of its non-negative values) inside the
 *     mask, within the region: the energy-based pointing game; NaN when the map has no energy
 * @param chanceEnergy the mask's share of the region's voxels: what {@code energyInside} a uniform
 *     map would score
 * @param pointingHit whether the voxel of the map's maximum lies in the mask (false for an all-zero
 *     map)
 * @param topFraction the share of region voxels counted as "top" for {@code topIou}
 * @param topIou intersection over union of the top {@code topFraction} voxels of the map with the
 *     mask
 * @param maskVoxels voxels of the mask inside the region
 * @param regionVoxels voxels of the region
 */
public record LocalisationScores(
        double energyInside,
        double chanceEnergy,
        boolean pointingHit,
        double topFraction,
        double topIou,
        int maskVoxels,
        int regionVoxels) {}
