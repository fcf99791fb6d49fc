package dev.ich.dicom.write;

/** How {@link DicomSeriesWriter} chooses Rescale Slope and Intercept. */
public enum RescaleMode {
    /**
     * One slope and intercept for the whole series, from the range of the whole volume (the
     * default).
     */
    GLOBAL,
    /**
     * A slope and intercept per slice, from that slice's range: finer steps for fractional HU, and
     * an intercept that changes from slice to slice (whole HU get slope 1 and intercept {@code
     * slice minimum + 32768}, still exact), as some scanners write.
     */
    PER_SLICE
}
