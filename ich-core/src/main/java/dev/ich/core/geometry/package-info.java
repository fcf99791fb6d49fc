/**
 * Voxel grids and where they lie in the patient: {@link dev.ich.core.geometry.VolumeGeometry}
 * (dimensions, spacing, origin, direction cosines) and {@link dev.ich.core.geometry.Affine}
 * voxel-to-patient transforms in DICOM LPS, with conversion to the RAS convention of NIfTI.
 */
package dev.ich.core.geometry;
