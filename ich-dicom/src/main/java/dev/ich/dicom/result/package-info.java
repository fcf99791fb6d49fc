/**
 * Analysis results written back as DICOM objects of the analysed study: a Segmentation, a TID 1500
 * Structured Report and an RGB Secondary Capture overlay series ({@link
 * dev.ich.dicom.result.DicomResultWriter}), with the source's patient and study identity read on
 * request ({@link dev.ich.dicom.result.SourceStudy}).
 */
package dev.ich.dicom.result;
