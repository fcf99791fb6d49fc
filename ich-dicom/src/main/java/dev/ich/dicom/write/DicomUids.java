package dev.ich.dicom.write;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * DICOM UIDs under the root {@code 2.25}, which ISO/IEC 9834-8 and DICOM PS3.5 §B.2 reserve for
 * UUIDs written as one unsigned decimal integer: no organisation root is needed and two UIDs
 * collide only if their UUIDs do.
 */
public final class DicomUids {

    /** The UUID root. */
    public static final String ROOT = "2.25.";

    /**
     * Identifies this library as the writer of a file (the meta group's Implementation Class UID).
     */
    public static final String IMPLEMENTATION_CLASS_UID =
            fromName("dev.ich:ich-dicom:implementation:1");

    private static final Pattern VALID = Pattern.compile("(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))*");
    private static final int MAX_LENGTH = 64;

    private DicomUids() {}

    /** A new UID from a random (version 4) UUID. */
    public static String random() {
        return of(UUID.randomUUID());
    }

    /**
     * The same UID for the same name every time (from a version 3, name-based UUID): for
     * reproducible test data. The name must not hold patient identity, since the UID is public.
     */
    public static String fromName(String name) {
        return of(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code 2.25.} followed by the UUID's 128 bits as an unsigned decimal integer. */
    public static String of(UUID uuid) {
        byte[] bits =
                ByteBuffer.allocate(16)
                        .putLong(uuid.getMostSignificantBits())
                        .putLong(uuid.getLeastSignificantBits())
                        .array();
        return ROOT + new BigInteger(1, bits);
    }

    /**
     * True for a syntactically valid UID: at most 64 characters, numeric components without leading
     * zeros.
     */
    public static boolean isValid(String uid) {
        return uid != null && uid.length() <= MAX_LENGTH && VALID.matcher(uid).matches();
    }
}
