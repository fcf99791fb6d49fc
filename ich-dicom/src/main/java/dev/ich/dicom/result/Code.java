package dev.ich.dicom.result;

/**
 * A coded concept (PS3.3 Code Sequence Macro): value, coding scheme designator and meaning.
 *
 * @param value the code value
 * @param scheme the coding scheme designator ({@code DCM}, {@code SCT}, {@code UCUM}, ...)
 * @param meaning the code meaning
 */
record Code(String value, String scheme, String meaning) {

    static final Code MORPHOLOGICALLY_ALTERED_STRUCTURE =
            new Code("49755003", "SCT", "Morphologically Altered Structure");
    static final Code HEMORRHAGE = new Code("50960005", "SCT", "Hemorrhage");
    static final Code BRAIN = new Code("12738006", "SCT", "Brain");
    static final Code CT_OF_HEAD = new Code("303653007", "SCT", "Computed tomography of head");
    static final Code MILLILITER = new Code("ml", "UCUM", "milliliter");
    static final Code NO_UNITS = new Code("1", "UCUM", "no units");

    /** Purpose of reference of a derived image's source (CID 7202). */
    static final Code SOURCE_IMAGE =
            new Code("121322", "DCM", "Source image for image processing operation");

    /**
     * The algorithm family (CID 7162) of the threshold segmentation: threshold, closing,
     * components.
     */
    static final Code MORPHOLOGICAL_OPERATIONS =
            new Code("123104", "DCM", "Morphological Operations");

    /** One item of a code sequence. */
    DataSet item() {
        return new DataSet()
                .text(0x00080100, "SH", value)
                .text(0x00080102, "SH", scheme)
                .text(0x00080104, "LO", meaning);
    }
}
