package dev.ich.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The values a numeric option accepts, inclusive. {@link OptionRanges} checks every annotated
 * option after parsing and before the command runs, so a value that would start thousands of
 * threads or allocate without bound is a usage error, not a hang; every numeric option has one.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
@interface Range {
    double min();

    double max();
}
