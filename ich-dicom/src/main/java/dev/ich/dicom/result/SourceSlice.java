package dev.ich.dicom.result;

import java.util.Objects;

/**
 * The source image of one slice of the analysed volume, which result objects reference.
 *
 * @param sopClassUid the image's SOP Class UID
 * @param sopInstanceUid the image's SOP Instance UID
 * @param frameNumber the frame (from 1) in a multi-frame image, 0 for a single-frame image
 */
public record SourceSlice(String sopClassUid, String sopInstanceUid, int frameNumber) {

    public SourceSlice {
        Objects.requireNonNull(sopClassUid, "sopClassUid");
        Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
    }
}
