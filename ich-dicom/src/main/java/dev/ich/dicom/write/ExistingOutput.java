package dev.ich.dicom.write;

/** What a writer does when its output file already exists. */
public enum ExistingOutput {
    /**
     * Fail with {@code OUTPUT_NOT_WRITABLE} and leave the existing file untouched (the default).
     */
    REFUSE,
    /** Replace the existing file; the replacement is atomic where the file system allows it. */
    REPLACE
}
