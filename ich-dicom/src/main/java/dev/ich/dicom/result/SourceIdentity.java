package dev.ich.dicom.result;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The source study's Patient and General Study module attributes exactly as stored (and its
 * Specific Character Set, which says how to read them), for the result objects filed with that
 * study. Only the result encoders in this package can see the values; {@link #toString()} shows
 * none. Sequences of these modules (other patient IDs, referenced study, procedure codes, all
 * optional) are not copied.
 */
final class SourceIdentity {

    /** Tag and VR of every copied attribute, in tag order. */
    static final Map<Integer, String> ATTRIBUTES = attributes();

    /** Type 2 attributes of the two modules: present in every result object, empty when unknown. */
    private static final int[] TYPE_2 = {
        0x00080020,
        0x00080030,
        0x00080050,
        0x00080090,
        0x00100010,
        0x00100020,
        0x00100030,
        0x00100040,
        0x00200010
    };

    private final Map<Integer, byte[]> values;

    SourceIdentity(Map<Integer, byte[]> values) {
        this.values = new LinkedHashMap<>();
        values.forEach((tag, value) -> this.values.put(tag, value.clone()));
    }

    private static Map<Integer, String> attributes() {
        Map<Integer, String> m = new LinkedHashMap<>();
        m.put(0x00080005, "CS"); // Specific Character Set
        m.put(0x00080020, "DA"); // Study Date
        m.put(0x00080030, "TM"); // Study Time
        m.put(0x00080050, "SH"); // Accession Number
        m.put(0x00080090, "PN"); // Referring Physician's Name
        m.put(0x00081030, "LO"); // Study Description
        m.put(0x00081048, "PN"); // Physician(s) of Record
        m.put(0x00081060, "PN"); // Name of Physician(s) Reading Study
        m.put(0x00100010, "PN"); // Patient's Name
        m.put(0x00100020, "LO"); // Patient ID
        m.put(0x00100021, "LO"); // Issuer of Patient ID
        m.put(0x00100022, "CS"); // Type of Patient ID
        m.put(0x00100030, "DA"); // Patient's Birth Date
        m.put(0x00100032, "TM"); // Patient's Birth Time
        m.put(0x00100033, "LO"); // Patient's Birth Date in Alternative Calendar
        m.put(0x00100034, "LO"); // Patient's Death Date in Alternative Calendar
        m.put(0x00100035, "CS"); // Patient's Alternative Calendar
        m.put(0x00100040, "CS"); // Patient's Sex
        m.put(0x00100200, "CS"); // Quality Control Subject
        m.put(0x00101001, "PN"); // Other Patient Names
        m.put(0x00102160, "SH"); // Ethnic Group
        m.put(0x00102201, "LO"); // Patient Species Description
        m.put(0x00102292, "LO"); // Patient Breed Description
        m.put(0x00102297, "PN"); // Responsible Person
        m.put(0x00102298, "CS"); // Responsible Person Role
        m.put(0x00102299, "LO"); // Responsible Organization
        m.put(0x00104000, "LT"); // Patient Comments
        m.put(0x00120062, "CS"); // Patient Identity Removed
        m.put(0x00120063, "LO"); // De-identification Method
        m.put(0x0020000D, "UI"); // Study Instance UID
        m.put(0x00200010, "SH"); // Study ID
        return Collections.unmodifiableMap(m);
    }

    /** Copies the attributes into {@code target}, with the type 2 ones the source lacks empty. */
    void copyInto(DataSet target) {
        for (int tag : TYPE_2) {
            target.raw(tag, ATTRIBUTES.get(tag), new byte[0]);
        }
        values.forEach((tag, value) -> target.raw(tag, ATTRIBUTES.get(tag), value));
    }

    @Override
    public String toString() {
        return "SourceIdentity[" + values.size() + " attributes, not shown]";
    }
}
