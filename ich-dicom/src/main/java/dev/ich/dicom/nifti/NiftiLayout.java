package dev.ich.dicom.nifti;

/**
 * The order in which {@link NiftiWriter} stores voxels; the affine always matches, so both are the
 * same image.
 */
public enum NiftiLayout {
    /**
     * The volume's own order ({@code i}, {@code j}, {@code k} as in memory: DICOM rows top to
     * bottom).
     */
    AS_IS,
    /**
     * The order dcm2niix writes: rows flipped (stored bottom to top), and slices ordered so that
     * the slice axis points along the image normal (row × column direction), so that {@code ich
     * convert} output matches dcm2niix's voxel for voxel.
     */
    DCM2NIIX
}
