package dev.ich.core.error;

/**
 * Stable codes for everything that can be wrong with a study, a file or a model directory.
 *
 * <p>The names are part of the public API: applications may switch on them, so codes are only ever
 * added, never renamed or removed.
 */
public enum ErrorCode {
    /** The path does not exist or cannot be read. */
    FILE_NOT_FOUND,
    /** The file cannot be read for a reason of the file system (permissions, I/O error). */
    IO_ERROR,
    /** The file is not DICOM (no DICM marker and no plausible dataset). */
    NOT_DICOM,
    /** The file ends before a value it announces. */
    TRUNCATED_FILE,
    /** A length or dimension in a header is larger than the file or a sane bound. */
    IMPLAUSIBLE_LENGTH,
    /** The encoding (transfer syntax, compression, data type) is not supported. */
    UNSUPPORTED_ENCODING,
    /** The object holds no image (structured report, RT plan, waveform, ...). */
    NOT_AN_IMAGE,
    /** The image is not a greyscale CT image this library can turn into Hounsfield units. */
    UNSUPPORTED_IMAGE,
    /** A required attribute is missing or has an invalid value. */
    MISSING_OR_INVALID_ATTRIBUTE,
    /** No image series was found where one was expected. */
    NO_SERIES,
    /** The requested series UID is not present. */
    SERIES_NOT_FOUND,
    /** The slices of a series do not form one regular volume. */
    INCONSISTENT_SERIES,
    /** The image data is corrupt (a codec failed, values are not finite, sizes do not match). */
    CORRUPT_DATA,
    /** The NIfTI header is invalid or uses a feature that is not supported. */
    INVALID_NIFTI,
    /** The volume cannot be preprocessed (too small, not finite, all air, ...). */
    INVALID_VOLUME,
    /** A manifest or predictions table is malformed. */
    INVALID_TABLE,
    /** A model directory is missing a file, is corrupt or does not match its manifest. */
    INVALID_MODEL,
    /** Training cannot start or continue with the data given. */
    INVALID_TRAINING_DATA,
    /**
     * The network computed a value that is not a finite number (a loss or gradient in training, a
     * prediction or a heatmap): the training diverged or the model is damaged.
     */
    NON_FINITE_RESULT,
    /** An output would overwrite something the user has, or cannot be written. */
    OUTPUT_NOT_WRITABLE,
    /**
     * The input holds several studies or patients where one is expected; the caller must name one.
     */
    AMBIGUOUS_INPUT,
    /**
     * An analysis failed for a reason that is not the input's (a defect in the library or the
     * runtime); the message names the failure. Reported per study in a batch, which goes on.
     */
    UNEXPECTED_FAILURE
}
