/**
 * Reading CT studies from DICOM: {@link dev.ich.dicom.DicomStudyReader} turns a file or folder into
 * a {@link dev.ich.core.volume.CtVolume} in Hounsfield units, and {@link
 * dev.ich.dicom.DicomInspector} lists the series a folder holds. See {@code docs/dicom.md} for the
 * transfer syntaxes read and the checks made.
 */
package dev.ich.dicom;
