package dev.ich.dicom.internal;

/**
 * The transfer syntaxes this reader knows: how the dataset is encoded and how pixels are
 * compressed.
 */
enum Syntax {
    IMPLICIT_LE("1.2.840.10008.1.2", "Implicit VR Little Endian", Codec.NATIVE),
    EXPLICIT_LE("1.2.840.10008.1.2.1", "Explicit VR Little Endian", Codec.NATIVE),
    DEFLATED_LE("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", Codec.NATIVE),
    EXPLICIT_BE("1.2.840.10008.1.2.2", "Explicit VR Big Endian", Codec.NATIVE),
    JPEG_BASELINE("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)", Codec.JPEG),
    JPEG_EXTENDED("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)", Codec.JPEG),
    JPEG_LOSSLESS("1.2.840.10008.1.2.4.57", "JPEG Lossless (Process 14)", Codec.JPEG),
    JPEG_LOSSLESS_SV1(
            "1.2.840.10008.1.2.4.70",
            "JPEG Lossless SV1 (Process 14, Selection Value 1)",
            Codec.JPEG),
    JPEG_LS_LOSSLESS("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless", Codec.UNSUPPORTED),
    JPEG_LS_NEAR_LOSSLESS("1.2.840.10008.1.2.4.81", "JPEG-LS Near-Lossless", Codec.UNSUPPORTED),
    JPEG2000_LOSSLESS("1.2.840.10008.1.2.4.90", "JPEG 2000 Lossless", Codec.JPEG2000),
    JPEG2000("1.2.840.10008.1.2.4.91", "JPEG 2000", Codec.JPEG2000),
    RLE_LOSSLESS("1.2.840.10008.1.2.5", "RLE Lossless", Codec.RLE);

    /** How the pixel data is stored. */
    enum Codec {
        NATIVE,
        RLE,
        JPEG,
        JPEG2000,
        UNSUPPORTED
    }

    final String uid;
    final String title;
    final Codec codec;

    Syntax(String uid, String title, Codec codec) {
        this.uid = uid;
        this.title = title;
        this.codec = codec;
    }

    boolean explicitVr() {
        return this != IMPLICIT_LE;
    }

    boolean encapsulated() {
        return codec != Codec.NATIVE;
    }

    /** The syntax with this UID, or null when it is not one of the above. */
    static Syntax of(String uid) {
        for (Syntax s : values()) {
            if (s.uid.equals(uid)) {
                return s;
            }
        }
        return null;
    }
}
