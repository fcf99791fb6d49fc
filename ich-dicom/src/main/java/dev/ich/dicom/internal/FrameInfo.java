package dev.ich.dicom.internal;

import dev.ich.core.geometry.Vec3;

/**
 * One frame (a slice) of an image object, with the attributes that place it and turn its stored
 * values into HU. For single-frame files these come from the dataset; for Enhanced CT from the
 * per-frame or shared functional groups.
 *
 * @param image the object the frame belongs to
 * @param frame frame index in the object (0 for single-frame files)
 * @param position ImagePositionPatient, or null when absent
 * @param rowCosines first three ImageOrientationPatient values (direction of increasing column
 *     index)
 * @param columnCosines last three ImageOrientationPatient values (direction of increasing row
 *     index)
 * @param rowSpacing PixelSpacing[0]: distance between rows, in mm (0 when absent)
 * @param columnSpacing PixelSpacing[1]: distance between columns, in mm (0 when absent)
 * @param slope Rescale Slope (1 when absent)
 * @param intercept Rescale Intercept (0 when absent)
 */
public record FrameInfo(
        DicomImage image,
        int frame,
        Vec3 position,
        Vec3 rowCosines,
        Vec3 columnCosines,
        double rowSpacing,
        double columnSpacing,
        double slope,
        double intercept) {

    /** The slice normal (row × column cosines), or null without an orientation. */
    public Vec3 normal() {
        return rowCosines == null ? null : rowCosines.cross(columnCosines);
    }

    /** The file and frame, for messages. */
    public String describe() {
        return image.file().name() + (image.format().frames() > 1 ? " frame " + (frame + 1) : "");
    }
}
