package dev.ich.dicom.result;

import dev.ich.core.geometry.Vec3;
import dev.ich.core.geometry.VolumeGeometry;
import dev.ich.dicom.write.DicomTransferSyntax;
import dev.ich.dicom.write.Part10;
import java.awt.image.BufferedImage;

/**
 * One RGB Secondary Capture image (PS3.3 A.8.1) of the overlay series: a rendered slice with its
 * burned-in text, placed like its source slice (Frame of Reference UID, Image Position and
 * Orientation (Patient), Pixel Spacing) so viewers stack it beside the CT.
 */
final class OverlayEncoder {

    static final String SOP_CLASS = "1.2.840.10008.5.1.4.1.1.7";

    private OverlayEncoder() {}

    /** The Part 10 file of slice {@code k}. */
    static byte[] encode(
            ResultContext c,
            int k,
            BufferedImage frame,
            String seriesUid,
            String sopUid,
            int seriesNumber,
            String description) {
        VolumeGeometry g = c.ct().geometry();
        if (frame.getWidth() != g.nx() || frame.getHeight() != g.ny()) {
            throw new IllegalArgumentException(
                    "overlay frame "
                            + k
                            + " is "
                            + frame.getWidth()
                            + " × "
                            + frame.getHeight()
                            + " pixels, the slices "
                            + g.nx()
                            + " × "
                            + g.ny());
        }
        DataSet d =
                CommonModules.dataSet(
                        c, SOP_CLASS, sopUid, "OT", seriesUid, seriesNumber, description, k + 1);
        // Not part of the Secondary Capture IOD (a standard extended SOP class): what viewers stack
        // by.
        d.text(0x00200052, "UI", c.source().frameOfReferenceUid());
        Vec3 i = g.axisI();
        Vec3 j = g.axisJ();
        Vec3 p = CommonModules.slicePosition(g, k);
        DataSet source =
                CommonModules.reference(c.source().slices().get(k))
                        .sequence(0x0040A170, Code.SOURCE_IMAGE.item());
        d.text(0x00080008, "CS", "DERIVED\\SECONDARY")
                .text(0x00080064, "CS", "WSD")
                .text(0x00180015, "CS", "HEAD")
                .text(
                        0x00082111,
                        "ST",
                        "CT in a brain window with the analysis heatmap blended over it")
                .sequence(0x00082112, source)
                .text(0x00200020, "CS", letter(i) + "\\" + letter(j))
                .ds(0x00200032, p.x(), p.y(), p.z())
                .ds(0x00200037, i.x(), i.y(), i.z(), j.x(), j.y(), j.z())
                .us(0x00280002, 3)
                .text(0x00280004, "CS", "RGB")
                .us(0x00280006, 0)
                .us(0x00280010, g.ny())
                .us(0x00280011, g.nx())
                .ds(0x00280030, g.spacing().y(), g.spacing().x())
                .us(0x00280100, 8)
                .us(0x00280101, 8)
                .us(0x00280102, 7)
                .us(0x00280103, 0)
                .text(0x00280301, "CS", "YES")
                .text(0x00282110, "CS", "00")
                .raw(0x7FE00010, "OB", rgb(frame));
        return Part10.file(
                SOP_CLASS, sopUid, DicomTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, d.encode());
    }

    /** Pixel-interleaved RGB (Planar Configuration 0), padded to an even length. */
    private static byte[] rgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] out = new byte[(3 * w * h + 1) & ~1];
        int n = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = image.getRGB(x, y);
                out[n++] = (byte) (argb >>> 16);
                out[n++] = (byte) (argb >>> 8);
                out[n++] = (byte) argb;
            }
        }
        return out;
    }

    /**
     * The patient-direction letter (PS3.3 C.7.6.1.1.1) of the dominant component of a direction.
     */
    static String letter(Vec3 d) {
        double ax = Math.abs(d.x());
        double ay = Math.abs(d.y());
        double az = Math.abs(d.z());
        if (ax >= ay && ax >= az) {
            return d.x() > 0 ? "L" : "R";
        }
        if (ay >= az) {
            return d.y() > 0 ? "P" : "A";
        }
        return d.z() > 0 ? "H" : "F";
    }
}
