package dev.ich.dicom.result;

import dev.ich.core.analysis.LibraryVersion;
import dev.ich.core.geometry.Vec3;
import dev.ich.core.geometry.VolumeGeometry;
import dev.ich.core.volume.BinaryMask;
import dev.ich.dicom.write.DicomTransferSyntax;
import dev.ich.dicom.write.Part10;
import java.util.ArrayList;
import java.util.List;

/**
 * A binary DICOM Segmentation (PS3.3 A.51) of the haematoma: one segment, one frame per source
 * slice, each frame derived from its source image and placed at its position, so viewers show it as
 * an overlay on the CT.
 */
final class SegmentationEncoder {

    static final String SOP_CLASS = "1.2.840.10008.5.1.4.1.1.66.4";
    static final String SEGMENT_LABEL = "Haemorrhage";

    /**
     * CIELab of a saturated red (PS3.3 C.10.7.1.1: scaled to 0–65535), how viewers colour the
     * segment.
     */
    private static final int[] RED_CIELAB = {34885, 53485, 50171};

    private static final int FRAME_CONTENT = 0x00209111;
    private static final int PLANE_POSITION = 0x00209113;
    private static final int SEGMENT_IDENTIFICATION = 0x0062000A;
    private static final int REFERENCED_SEGMENT_NUMBER = 0x0062000B;
    private static final int IMAGE_POSITION = 0x00200032;

    private SegmentationEncoder() {}

    /** The Part 10 file. */
    static byte[] encode(
            ResultContext c,
            BinaryMask haematoma,
            String seriesUid,
            String sopUid,
            int seriesNumber,
            String algorithmName) {
        VolumeGeometry g = c.ct().geometry();
        DataSet d =
                CommonModules.dataSet(
                        c,
                        SOP_CLASS,
                        sopUid,
                        "SEG",
                        seriesUid,
                        seriesNumber,
                        "ich haemorrhage segmentation",
                        1);
        CommonModules.frameOfReference(d, c);
        d.text(0x00080008, "CS", "DERIVED\\PRIMARY")
                .text(0x00181000, "LO", "ich " + LibraryVersion.get())
                .sequence(0x00081115, CommonModules.referencedSeries(c))
                .text(0x00200020, "CS", "")
                .text(0x00280008, "IS", Integer.toString(g.nz()))
                .us(0x00280002, 1)
                .text(0x00280004, "CS", "MONOCHROME2")
                .us(0x00280010, g.ny())
                .us(0x00280011, g.nx())
                .us(0x00280100, 1)
                .us(0x00280101, 1)
                .us(0x00280102, 0)
                .us(0x00280103, 0)
                .text(0x00282110, "CS", "00")
                .text(0x00700080, "CS", "HAEMORRHAGE")
                .text(0x00700081, "LO", "Haemorrhage by HU threshold")
                .text(0x00700084, "PN", "")
                .text(0x00620001, "CS", "BINARY")
                .text(0x00620013, "CS", "NO")
                .sequence(0x00620002, segment(algorithmName));
        String organisation = c.uid("seg/dimension-organization");
        d.sequence(0x00209221, new DataSet().text(0x00209164, "UI", organisation))
                .sequence(
                        0x00209222,
                        List.of(
                                dimension(
                                        organisation,
                                        REFERENCED_SEGMENT_NUMBER,
                                        SEGMENT_IDENTIFICATION,
                                        "Segment"),
                                dimension(
                                        organisation,
                                        IMAGE_POSITION,
                                        PLANE_POSITION,
                                        "Image Position")))
                .sequence(0x52009229, shared(g))
                .sequence(0x52009230, perFrame(c, g))
                .raw(0x7FE00010, "OB", pixels(haematoma, g));
        return Part10.file(
                SOP_CLASS, sopUid, DicomTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, d.encode());
    }

    private static DataSet segment(String algorithmName) {
        DataSet algorithm =
                new DataSet()
                        .sequence(0x0066002F, Code.MORPHOLOGICAL_OPERATIONS.item())
                        .text(0x00660031, "LO", LibraryVersion.get())
                        .text(0x00660036, "LO", algorithmName);
        return new DataSet()
                .sequence(0x00082218, Code.BRAIN.item())
                .sequence(0x00620003, Code.MORPHOLOGICALLY_ALTERED_STRUCTURE.item())
                .us(0x00620004, 1)
                .text(0x00620005, "LO", SEGMENT_LABEL)
                .text(0x00620008, "CS", "AUTOMATIC")
                .text(0x00620009, "LO", algorithmName)
                .us(0x0062000D, RED_CIELAB)
                .sequence(0x0062000F, Code.HEMORRHAGE.item())
                .sequence(0x00620007, algorithm);
    }

    private static DataSet dimension(String organisation, int pointer, int group, String label) {
        return new DataSet()
                .text(0x00209164, "UI", organisation)
                .at(0x00209165, pointer)
                .at(0x00209167, group)
                .text(0x00209421, "LO", label);
    }

    /** Spacing and orientation, the same for every frame. */
    private static DataSet shared(VolumeGeometry g) {
        Vec3 i = g.axisI();
        Vec3 j = g.axisJ();
        double planeSpacing = Math.abs(g.axisK().dot(i.cross(j).normalized())) * g.spacing().z();
        DataSet measures =
                new DataSet()
                        .ds(0x00280030, g.spacing().y(), g.spacing().x())
                        .ds(0x00180050, planeSpacing)
                        .ds(0x00180088, planeSpacing);
        DataSet orientation =
                new DataSet().ds(0x00200037, i.x(), i.y(), i.z(), j.x(), j.y(), j.z());
        return new DataSet().sequence(0x00289110, measures).sequence(0x00209116, orientation);
    }

    private static List<DataSet> perFrame(ResultContext c, VolumeGeometry g) {
        List<DataSet> frames = new ArrayList<>();
        for (int k = 0; k < g.nz(); k++) {
            Vec3 p = CommonModules.slicePosition(g, k);
            DataSet source =
                    CommonModules.reference(c.source().slices().get(k))
                            .sequence(0x0040A170, Code.SOURCE_IMAGE.item());
            DataSet derivation =
                    new DataSet()
                            .sequence(0x00082112, source)
                            .sequence(0x00089215, new Code("113076", "DCM", "Segmentation").item());
            frames.add(
                    new DataSet()
                            .sequence(0x00089124, derivation)
                            .sequence(FRAME_CONTENT, new DataSet().ul(0x00209157, 1, k + 1))
                            .sequence(
                                    PLANE_POSITION,
                                    new DataSet().ds(IMAGE_POSITION, p.x(), p.y(), p.z()))
                            .sequence(
                                    SEGMENT_IDENTIFICATION,
                                    new DataSet().us(REFERENCED_SEGMENT_NUMBER, 1)));
        }
        return frames;
    }

    /** One bit per pixel, frames back to back, the first pixel in the lowest bit (PS3.5 8.1.1). */
    private static byte[] pixels(BinaryMask mask, VolumeGeometry g) {
        long bits = (long) g.voxelCount();
        byte[] out = new byte[(int) ((bits + 15) / 16 * 2)];
        for (int n = 0; n < g.voxelCount(); n++) {
            if (mask.contains(n)) {
                out[n >>> 3] |= (byte) (1 << (n & 7));
            }
        }
        return out;
    }
}
