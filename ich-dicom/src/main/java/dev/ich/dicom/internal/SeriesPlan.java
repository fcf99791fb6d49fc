package dev.ich.dicom.internal;

import dev.ich.core.geometry.Vec3;
import java.util.List;

/**
 * How the frames of one series form a volume: slices sorted along the slice normal (each a group of
 * frames at the same position, normally one), the grid, and what was found on the way.
 *
 * @param seriesUid the SeriesInstanceUID
 * @param slices frames per slice position, in increasing position along the slice normal
 * @param positions distance of each slice position from the first along {@code axisK}, mm
 * @param nx columns
 * @param ny rows
 * @param spacing i (column), j (row) and k (slice) spacing, mm
 * @param origin centre of the first voxel, LPS mm
 * @param axisI row direction (increasing column index)
 * @param axisJ column direction (increasing row index)
 * @param axisK from the first slice position to the last
 * @param irregular null when the slices are evenly spaced, else why they are not (resampling
 *     needed)
 * @param warnings problems that leave the volume safe to use
 * @param fileCount files the frames come from
 * @param transferSyntaxes the distinct transfer syntax UIDs
 */
public record SeriesPlan(
        String seriesUid,
        List<List<FrameInfo>> slices,
        double[] positions,
        int nx,
        int ny,
        Vec3 spacing,
        Vec3 origin,
        Vec3 axisI,
        Vec3 axisJ,
        Vec3 axisK,
        String irregular,
        List<String> warnings,
        int fileCount,
        List<String> transferSyntaxes) {

    public SeriesPlan {
        slices = slices.stream().map(List::copyOf).toList();
        positions = positions.clone();
        warnings = List.copyOf(warnings);
        transferSyntaxes = List.copyOf(transferSyntaxes);
    }

    @Override
    public double[] positions() {
        return positions.clone();
    }

    public int sliceCount() {
        return slices.size();
    }

    /**
     * Angle between the slice axis and the image normal in degrees (gantry tilt), 0 for a plain
     * stack.
     */
    public double tiltDegrees() {
        Vec3 n = axisI.cross(axisJ).normalized();
        return Math.toDegrees(Math.acos(Math.min(1, Math.abs(n.dot(axisK)))));
    }
}
