package dev.ich.dicom.internal;

import java.util.Set;

/** The handful of DICOM tags this reader needs, as {@code (group << 16) | element}. */
final class Tags {

    static final int FILE_META_GROUP_LENGTH = 0x00020000;
    static final int TRANSFER_SYNTAX_UID = 0x00020010;
    static final int IMAGE_TYPE = 0x00080008;
    static final int SOP_CLASS_UID = 0x00080016;
    static final int SOP_INSTANCE_UID = 0x00080018;
    static final int MODALITY = 0x00080060;
    static final int PATIENT_ID = 0x00100020;
    static final int SLICE_THICKNESS = 0x00180050;
    static final int SPACING_BETWEEN_SLICES = 0x00180088;
    static final int GANTRY_DETECTOR_TILT = 0x00181120;
    static final int STUDY_INSTANCE_UID = 0x0020000D;
    static final int SERIES_INSTANCE_UID = 0x0020000E;
    static final int INSTANCE_NUMBER = 0x00200013;
    static final int IMAGE_POSITION_PATIENT = 0x00200032;
    static final int IMAGE_ORIENTATION_PATIENT = 0x00200037;
    static final int FRAME_OF_REFERENCE_UID = 0x00200052;
    static final int SAMPLES_PER_PIXEL = 0x00280002;
    static final int PHOTOMETRIC_INTERPRETATION = 0x00280004;
    static final int PLANAR_CONFIGURATION = 0x00280006;
    static final int NUMBER_OF_FRAMES = 0x00280008;
    static final int ROWS = 0x00280010;
    static final int COLUMNS = 0x00280011;
    static final int PIXEL_SPACING = 0x00280030;
    static final int BITS_ALLOCATED = 0x00280100;
    static final int BITS_STORED = 0x00280101;
    static final int HIGH_BIT = 0x00280102;
    static final int PIXEL_REPRESENTATION = 0x00280103;
    static final int PIXEL_PADDING_VALUE = 0x00280120;
    static final int PIXEL_PADDING_RANGE_LIMIT = 0x00280121;
    static final int RESCALE_INTERCEPT = 0x00281052;
    static final int RESCALE_SLOPE = 0x00281053;
    static final int PLANE_POSITION_SEQUENCE = 0x00209113;
    static final int PLANE_ORIENTATION_SEQUENCE = 0x00209116;
    static final int PIXEL_MEASURES_SEQUENCE = 0x00289110;
    static final int PIXEL_VALUE_TRANSFORMATION_SEQUENCE = 0x00289145;
    static final int SHARED_FUNCTIONAL_GROUPS_SEQUENCE = 0x52009229;
    static final int PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE = 0x52009230;
    static final int PIXEL_DATA = 0x7FE00010;
    static final int ITEM = 0xFFFEE000;
    static final int ITEM_DELIMITATION = 0xFFFEE00D;
    static final int SEQUENCE_DELIMITATION = 0xFFFEE0DD;

    /** Values kept (all others are skipped). */
    static final Set<Integer> VALUES =
            Set.of(
                    TRANSFER_SYNTAX_UID,
                    IMAGE_TYPE,
                    SOP_CLASS_UID,
                    SOP_INSTANCE_UID,
                    MODALITY,
                    PATIENT_ID,
                    SLICE_THICKNESS,
                    SPACING_BETWEEN_SLICES,
                    GANTRY_DETECTOR_TILT,
                    STUDY_INSTANCE_UID,
                    SERIES_INSTANCE_UID,
                    INSTANCE_NUMBER,
                    FRAME_OF_REFERENCE_UID,
                    IMAGE_POSITION_PATIENT,
                    IMAGE_ORIENTATION_PATIENT,
                    SAMPLES_PER_PIXEL,
                    PHOTOMETRIC_INTERPRETATION,
                    PLANAR_CONFIGURATION,
                    NUMBER_OF_FRAMES,
                    ROWS,
                    COLUMNS,
                    PIXEL_SPACING,
                    BITS_ALLOCATED,
                    BITS_STORED,
                    HIGH_BIT,
                    PIXEL_REPRESENTATION,
                    PIXEL_PADDING_VALUE,
                    PIXEL_PADDING_RANGE_LIMIT,
                    RESCALE_INTERCEPT,
                    RESCALE_SLOPE);

    /**
     * Sequences whose items are parsed (the Enhanced CT functional groups); all others are skipped.
     */
    static final Set<Integer> SEQUENCES =
            Set.of(
                    PLANE_POSITION_SEQUENCE,
                    PLANE_ORIENTATION_SEQUENCE,
                    PIXEL_MEASURES_SEQUENCE,
                    PIXEL_VALUE_TRANSFORMATION_SEQUENCE,
                    SHARED_FUNCTIONAL_GROUPS_SEQUENCE,
                    PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE);

    /** Binary (US/SS) values among {@link #VALUES}; the rest are text. */
    static final Set<Integer> BINARY =
            Set.of(
                    SAMPLES_PER_PIXEL,
                    PLANAR_CONFIGURATION,
                    ROWS,
                    COLUMNS,
                    BITS_ALLOCATED,
                    BITS_STORED,
                    HIGH_BIT,
                    PIXEL_REPRESENTATION,
                    PIXEL_PADDING_VALUE,
                    PIXEL_PADDING_RANGE_LIMIT);

    /**
     * Modality defined terms (PS3.3 C.7.3.1.1.1, current and retired): the values a message may
     * show.
     */
    static final Set<String> MODALITIES =
            Set.of(
                    "CR",
                    "CT",
                    "MR",
                    "NM",
                    "US",
                    "OT",
                    "BI",
                    "CD",
                    "DD",
                    "DG",
                    "ES",
                    "LS",
                    "PT",
                    "RG",
                    "ST",
                    "TG",
                    "XA",
                    "RF",
                    "RTIMAGE",
                    "RTDOSE",
                    "RTSTRUCT",
                    "RTPLAN",
                    "RTRECORD",
                    "HC",
                    "DX",
                    "MG",
                    "IO",
                    "PX",
                    "GM",
                    "SM",
                    "XC",
                    "PR",
                    "AU",
                    "ECG",
                    "EPS",
                    "HD",
                    "SR",
                    "IVUS",
                    "OP",
                    "SMR",
                    "AR",
                    "KER",
                    "VA",
                    "SRF",
                    "OCT",
                    "LEN",
                    "OPV",
                    "OPM",
                    "OAM",
                    "RESP",
                    "KO",
                    "SEG",
                    "REG",
                    "OPT",
                    "BDUS",
                    "BMD",
                    "DOC",
                    "FID",
                    "PLAN",
                    "IOL",
                    "IVOCT",
                    "RWV",
                    "M3D",
                    "POS",
                    "OPTBSV",
                    "OPTENF",
                    "ASMT",
                    "MS",
                    "EC",
                    "CF",
                    "CP",
                    "DF",
                    "DM",
                    "DS",
                    "FA",
                    "FS",
                    "MA",
                    "OSS",
                    "VF",
                    "DOCD");

    /** PhotometricInterpretation defined terms: the values a message may show. */
    static final Set<String> PHOTOMETRIC_INTERPRETATIONS =
            Set.of(
                    "MONOCHROME1",
                    "MONOCHROME2",
                    "PALETTE COLOR",
                    "RGB",
                    "HSV",
                    "ARGB",
                    "CMYK",
                    "YBR_FULL",
                    "YBR_FULL_422",
                    "YBR_PARTIAL_422",
                    "YBR_PARTIAL_420",
                    "YBR_ICT",
                    "YBR_RCT",
                    "XYB");

    private Tags() {}

    static String format(int tag) {
        return String.format("(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
    }
}
