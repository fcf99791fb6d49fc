package dev.ich.batch;

/** The type of a results column, the same in CSV (as text) and Parquet. */
public enum ColumnType {
    /** UTF-8 text; empty in CSV and null in Parquet when absent. */
    STRING,
    /** A 64-bit floating-point number, written in CSV as Java's shortest round-trip form. */
    DOUBLE,
    /** A 32-bit integer. */
    INT
}
