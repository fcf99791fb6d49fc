package dev.ich.dicom.nifti;

/** Which part of a NIfTI header gave the voxel-to-world affine (the order nibabel uses). */
public enum AffineSource {
    /** {@code sform_code != 0}: the {@code srow_x/y/z} rows. */
    SFORM,
    /**
     * {@code sform_code == 0}, {@code qform_code != 0}: quaternion, {@code qfac} and {@code
     * pixdim}.
     */
    QFORM,
    /**
     * Neither form is set: nibabel's fallback of {@code pixdim} scaling with x flipped and the
     * volume centred on the origin. The orientation is a guess; readers record a warning.
     */
    PIXDIM_ONLY
}
