/**
 * NIfTI-1 files ({@code .nii}, {@code .nii.gz}): {@link dev.ich.dicom.nifti.NiftiReader} reads a
 * single 3D volume with its sform/qform geometry (RAS on disk) into the library's LPS patient
 * space; {@link dev.ich.dicom.nifti.NiftiWriter} writes volumes, masks and maps with sform and
 * qform set as dcm2niix does; {@link dev.ich.dicom.nifti.NiftiStudyReader} is the {@link
 * dev.ich.core.io.StudyReader} for NIfTI studies.
 */
package dev.ich.dicom.nifti;
