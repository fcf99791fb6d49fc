/**
 * Writing imaging files: {@link dev.ich.dicom.write.DicomSeriesWriter} writes a CT volume as a
 * series of single-frame CT Image Storage files; {@link dev.ich.dicom.write.AtomicFileWriter}
 * writes any file without exposing half-written content or replacing a user's file by accident.
 */
package dev.ich.dicom.write;
