package dev.ich.dicom.result;

import static dev.ich.dicom.result.ContentItems.CONTAINS;
import static dev.ich.dicom.result.ContentItems.HAS_CONCEPT_MOD;
import static dev.ich.dicom.result.ContentItems.HAS_OBS_CONTEXT;

import dev.ich.core.analysis.AnalysisResult;
import dev.ich.core.analysis.LibraryVersion;
import dev.ich.dicom.write.DicomTransferSyntax;
import dev.ich.dicom.write.DicomUids;
import dev.ich.dicom.write.Part10;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Comprehensive SR following TID 1500 (Measurement Report): the device that measured, the
 * procedure, the image library of the source slices and one measurement group for the haemorrhage
 * that references the segment in the segmentation, with the network's volume and probability of
 * death and the classical volume estimates, each with the algorithm that produced it.
 */
final class MeasurementReportEncoder {

    static final String SOP_CLASS = "1.2.840.10008.5.1.4.1.1.88.33";

    /** Codes of this library's own concepts, which no standard terminology has. */
    static final String SCHEME = "99ICH";

    /** The device observer: one UID for this software, whatever the installation. */
    static final String DEVICE_UID = DicomUids.fromName("dev.ich:ich:device-observer");

    static final String TRACKING_IDENTIFIER = "Haemorrhage";
    private static final Code VOLUME = new Code("118565006", "SCT", "Volume");
    private static final Code METHOD = new Code("370129005", "SCT", "Measurement Method");
    private static final Code NETWORK_METHOD =
            new Code("NETWORK", SCHEME, "ich network regression");
    private static final Code PROBABILITY_OF_DEATH =
            new Code("P-DEATH", SCHEME, "Probability of death");

    private MeasurementReportEncoder() {}

    /** The Part 10 file. */
    static byte[] encode(
            ResultContext c,
            String seriesUid,
            String sopUid,
            int seriesNumber,
            String segSeriesUid,
            String segSopUid) {
        DataSet d =
                CommonModules.dataSet(
                        c,
                        SOP_CLASS,
                        sopUid,
                        "SR",
                        seriesUid,
                        seriesNumber,
                        "ich haemorrhage measurements",
                        1);
        d.sequence(
                        0x00080110,
                        new DataSet()
                                .text(0x00080102, "SH", SCHEME)
                                .text(0x00080115, "ST", "ich measurement concepts"))
                .sequence(0x00081111, List.of())
                .text(0x0040A491, "CS", "COMPLETE")
                .text(0x0040A493, "CS", "UNVERIFIED")
                .sequence(0x0040A372, List.of())
                .sequence(0x0040A375, evidence(c, segSeriesUid, segSopUid))
                .text(0x0040A040, "CS", "CONTAINER")
                .sequence(
                        0x0040A043, new Code("126000", "DCM", "Imaging Measurement Report").item())
                .text(0x0040A050, "CS", "SEPARATE")
                .sequence(
                        0x0040A504,
                        new DataSet().text(0x00080105, "CS", "DCMR").text(0x0040DB00, "CS", "1500"))
                .sequence(0x0040A730, content(c, segSopUid));
        return Part10.file(
                SOP_CLASS, sopUid, DicomTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, d.encode());
    }

    /** The source series and the segmentation, both of the source's study. */
    private static DataSet evidence(ResultContext c, String segSeriesUid, String segSopUid) {
        List<DataSet> sourceImages = new ArrayList<>();
        for (SourceSlice s : c.source().slices()) {
            if (s.frameNumber() <= 1) {
                sourceImages.add(
                        new DataSet()
                                .text(0x00081150, "UI", s.sopClassUid())
                                .text(0x00081155, "UI", s.sopInstanceUid()));
            }
        }
        DataSet source =
                new DataSet()
                        .sequence(0x00081199, sourceImages)
                        .text(0x0020000E, "UI", c.source().seriesInstanceUid());
        DataSet seg =
                new DataSet()
                        .sequence(
                                0x00081199,
                                new DataSet()
                                        .text(0x00081150, "UI", SegmentationEncoder.SOP_CLASS)
                                        .text(0x00081155, "UI", segSopUid))
                        .text(0x0020000E, "UI", segSeriesUid);
        return new DataSet()
                .sequence(0x00081115, List.of(source, seg))
                .text(0x0020000D, "UI", c.source().studyInstanceUid());
    }

    private static List<DataSet> content(ResultContext c, String segSopUid) {
        List<DataSet> items = new ArrayList<>();
        items.add(
                ContentItems.code(
                        HAS_CONCEPT_MOD,
                        new Code("121049", "DCM", "Language of Content Item and Descendants"),
                        new Code("eng", "RFC5646", "English")));
        items.add(
                ContentItems.code(
                        HAS_OBS_CONTEXT,
                        new Code("121005", "DCM", "Observer Type"),
                        new Code("121007", "DCM", "Device")));
        items.add(
                ContentItems.uidref(
                        HAS_OBS_CONTEXT,
                        new Code("121012", "DCM", "Device Observer UID"),
                        DEVICE_UID));
        items.add(
                ContentItems.text(
                        HAS_OBS_CONTEXT, new Code("121013", "DCM", "Device Observer Name"), "ich"));
        items.add(
                ContentItems.text(
                        HAS_OBS_CONTEXT,
                        new Code("121014", "DCM", "Device Observer Manufacturer"),
                        CommonModules.MANUFACTURER));
        items.add(
                ContentItems.text(
                        HAS_OBS_CONTEXT,
                        new Code("121015", "DCM", "Device Observer Model Name"),
                        "ich " + LibraryVersion.get()));
        items.add(
                ContentItems.code(
                        HAS_CONCEPT_MOD,
                        new Code("121058", "DCM", "Procedure reported"),
                        Code.CT_OF_HEAD));
        List<DataSet> library = new ArrayList<>();
        for (SourceSlice s : c.source().slices()) {
            library.add(ContentItems.image(CONTAINS, null, CommonModules.reference(s)));
        }
        items.add(
                ContentItems.container(
                        CONTAINS,
                        new Code("111028", "DCM", "Image Library"),
                        List.of(
                                ContentItems.container(
                                        CONTAINS,
                                        new Code("126200", "DCM", "Image Library Group"),
                                        library))));
        items.add(
                ContentItems.container(
                        CONTAINS,
                        new Code("126010", "DCM", "Imaging Measurements"),
                        List.of(
                                ContentItems.container(
                                        CONTAINS,
                                        new Code("125007", "DCM", "Measurement Group"),
                                        measurementGroup(c, segSopUid)))));
        return items;
    }

    private static List<DataSet> measurementGroup(ResultContext c, String segSopUid) {
        AnalysisResult r = c.result();
        List<DataSet> items = new ArrayList<>();
        items.add(
                ContentItems.text(
                        HAS_OBS_CONTEXT,
                        new Code("112039", "DCM", "Tracking Identifier"),
                        TRACKING_IDENTIFIER));
        items.add(
                ContentItems.uidref(
                        HAS_OBS_CONTEXT,
                        new Code("112040", "DCM", "Tracking Unique Identifier"),
                        c.uid("sr/tracking")));
        DataSet segment =
                new DataSet()
                        .text(0x00081150, "UI", SegmentationEncoder.SOP_CLASS)
                        .text(0x00081155, "UI", segSopUid)
                        .us(0x0062000B, 1);
        items.add(
                ContentItems.image(
                        CONTAINS, new Code("121191", "DCM", "Referenced Segment"), segment));
        items.add(
                ContentItems.uidref(
                        CONTAINS,
                        new Code("121232", "DCM", "Source series for segmentation"),
                        c.source().seriesInstanceUid()));
        items.add(
                ContentItems.code(CONTAINS, new Code("121071", "DCM", "Finding"), Code.HEMORRHAGE));
        items.add(
                ContentItems.code(
                        HAS_CONCEPT_MOD, new Code("363698007", "SCT", "Finding Site"), Code.BRAIN));
        List<DataSet> network =
                algorithm(
                        r.provenance().libraryVersion(),
                        "model parameters SHA-256 " + r.provenance().modelSha256());
        List<DataSet> volumeModifiers = new ArrayList<>(network);
        volumeModifiers.add(0, ContentItems.code(HAS_CONCEPT_MOD, METHOD, NETWORK_METHOD));
        items.add(
                ContentItems.num(CONTAINS, VOLUME, r.volumeMl(), Code.MILLILITER, volumeModifiers));
        for (Map.Entry<String, Double> e : r.classicalEstimatesMl().entrySet()) {
            List<DataSet> modifiers = new ArrayList<>();
            modifiers.add(ContentItems.code(HAS_CONCEPT_MOD, METHOD, classicalMethod(e.getKey())));
            modifiers.addAll(algorithm(r.provenance().libraryVersion(), "threshold segmentation"));
            items.add(ContentItems.num(CONTAINS, VOLUME, e.getValue(), Code.MILLILITER, modifiers));
        }
        items.add(
                ContentItems.num(
                        CONTAINS,
                        PROBABILITY_OF_DEATH,
                        r.probabilityOfDeath(),
                        Code.NO_UNITS,
                        network));
        return items;
    }

    /** TID 4019 Algorithm Identification. */
    private static List<DataSet> algorithm(String version, String parameters) {
        return List.of(
                ContentItems.text(
                        HAS_CONCEPT_MOD, new Code("111001", "DCM", "Algorithm Name"), "ich"),
                ContentItems.text(
                        HAS_CONCEPT_MOD, new Code("111003", "DCM", "Algorithm Version"), version),
                ContentItems.text(
                        HAS_CONCEPT_MOD,
                        new Code("111002", "DCM", "Algorithm Parameters"),
                        parameters));
    }

    /**
     * The measurement method of a classical estimate, by its estimator name ("abc2", "planimetry").
     */
    static Code classicalMethod(String estimator) {
        String meaning =
                switch (estimator) {
                    case "abc2" -> "ABC/2";
                    case "planimetry" -> "Planimetry";
                    default -> estimator;
                };
        return new Code(estimator.toUpperCase(Locale.ROOT), SCHEME, meaning);
    }
}
