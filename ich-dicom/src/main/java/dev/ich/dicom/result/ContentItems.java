package dev.ich.dicom.result;

import java.util.List;

/**
 * SR content items (PS3.3 C.17.3): each a data set with its relationship, value type and concept
 * name.
 */
final class ContentItems {

    static final String CONTAINS = "CONTAINS";
    static final String HAS_OBS_CONTEXT = "HAS OBS CONTEXT";
    static final String HAS_CONCEPT_MOD = "HAS CONCEPT MOD";

    private ContentItems() {}

    private static DataSet item(String relationship, String valueType, Code name) {
        DataSet d =
                new DataSet()
                        .text(0x0040A010, "CS", relationship)
                        .text(0x0040A040, "CS", valueType);
        if (name != null) {
            d.sequence(0x0040A043, name.item());
        }
        return d;
    }

    static DataSet container(String relationship, Code name, List<DataSet> children) {
        return item(relationship, "CONTAINER", name)
                .text(0x0040A050, "CS", "SEPARATE")
                .sequence(0x0040A730, children);
    }

    static DataSet code(String relationship, Code name, Code value) {
        return item(relationship, "CODE", name).sequence(0x0040A168, value.item());
    }

    static DataSet text(String relationship, Code name, String value) {
        return item(relationship, "TEXT", name).text(0x0040A160, "UT", value);
    }

    static DataSet uidref(String relationship, Code name, String uid) {
        return item(relationship, "UIDREF", name).text(0x0040A124, "UI", uid);
    }

    /** An IMAGE item; {@code name} may be null (image library entries have none). */
    static DataSet image(String relationship, Code name, DataSet reference) {
        return item(relationship, "IMAGE", name).sequence(0x00081199, reference);
    }

    /** A NUM item with its unit, and modifiers as children. */
    static DataSet num(
            String relationship, Code name, double value, Code unit, List<DataSet> children) {
        DataSet measured = new DataSet().sequence(0x004008EA, unit.item()).ds(0x0040A30A, value);
        DataSet d = item(relationship, "NUM", name).sequence(0x0040A300, measured);
        if (!children.isEmpty()) {
            d.sequence(0x0040A730, children);
        }
        return d;
    }
}
