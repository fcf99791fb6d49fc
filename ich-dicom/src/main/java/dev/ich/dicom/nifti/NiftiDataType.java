package dev.ich.dicom.nifti;

import java.util.Optional;

/** The NIfTI-1 voxel data types this library reads (the {@code datatype} header field). */
public enum NiftiDataType {
    /** DT_UINT8. */
    UINT8(2, 1),
    /** DT_INT16. */
    INT16(4, 2),
    /** DT_INT32. */
    INT32(8, 4),
    /** DT_FLOAT32. */
    FLOAT32(16, 4),
    /** DT_FLOAT64. */
    FLOAT64(64, 8),
    /** DT_INT8. */
    INT8(256, 1),
    /** DT_UINT16. */
    UINT16(512, 2),
    /** DT_UINT32. */
    UINT32(768, 4),
    /** DT_INT64. */
    INT64(1024, 8),
    /** DT_UINT64. */
    UINT64(1280, 8);

    private final int code;
    private final int bytesPerVoxel;

    NiftiDataType(int code, int bytesPerVoxel) {
        this.code = code;
        this.bytesPerVoxel = bytesPerVoxel;
    }

    /** The value of the header's {@code datatype} field. */
    public int code() {
        return code;
    }

    public int bytesPerVoxel() {
        return bytesPerVoxel;
    }

    /** The header's {@code bitpix} field. */
    public int bitsPerVoxel() {
        return bytesPerVoxel * 8;
    }

    /** The type with the given header code, if this library reads it. */
    public static Optional<NiftiDataType> ofCode(int code) {
        for (NiftiDataType t : values()) {
            if (t.code == code) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
