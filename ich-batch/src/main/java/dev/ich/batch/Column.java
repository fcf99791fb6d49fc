package dev.ich.batch;

import java.util.Objects;

/**
 * One column of the results table.
 *
 * @param name the column's name in the CSV header and the Parquet schema
 * @param type its type
 */
public record Column(String name, ColumnType type) {

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
