package dev.ich.dicom.write;

import java.nio.ByteOrder;

/** The uncompressed transfer syntaxes {@link DicomSeriesWriter} writes. */
public enum DicomTransferSyntax {
    /** 1.2.840.10008.1.2.1, the default: what every DICOM reader accepts. */
    EXPLICIT_VR_LITTLE_ENDIAN("1.2.840.10008.1.2.1", true, ByteOrder.LITTLE_ENDIAN, false),
    /** 1.2.840.10008.1.2, the DICOM default syntax: no VRs in the data set. */
    IMPLICIT_VR_LITTLE_ENDIAN("1.2.840.10008.1.2", false, ByteOrder.LITTLE_ENDIAN, false),
    /** 1.2.840.10008.1.2.2, retired from the standard but still met in archives. */
    EXPLICIT_VR_BIG_ENDIAN("1.2.840.10008.1.2.2", true, ByteOrder.BIG_ENDIAN, false),
    /** 1.2.840.10008.1.2.1.99: explicit VR little endian, the whole data set raw-deflated. */
    DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN(
            "1.2.840.10008.1.2.1.99", true, ByteOrder.LITTLE_ENDIAN, true);

    private final String uid;
    private final boolean explicitVr;
    private final ByteOrder byteOrder;
    private final boolean deflated;

    DicomTransferSyntax(String uid, boolean explicitVr, ByteOrder byteOrder, boolean deflated) {
        this.uid = uid;
        this.explicitVr = explicitVr;
        this.byteOrder = byteOrder;
        this.deflated = deflated;
    }

    public String uid() {
        return uid;
    }

    public boolean explicitVr() {
        return explicitVr;
    }

    public ByteOrder byteOrder() {
        return byteOrder;
    }

    public boolean deflated() {
        return deflated;
    }
}
