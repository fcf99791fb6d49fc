/**
 * The DICOM reading machinery behind {@link dev.ich.dicom.DicomStudyReader}: a small strict Part 10
 * parser, pixel decoders for the supported transfer syntaxes, the stored-value to HU conversion and
 * series assembly. Not an API: everything here may change without notice.
 */
package dev.ich.dicom.internal;
