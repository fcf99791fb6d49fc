/**
 * The error model: {@link dev.ich.core.error.IchException}, a checked exception for bad files,
 * studies, tables and model directories, with a stable {@link dev.ich.core.error.ErrorCode}.
 * Programmer misuse is reported with the JDK's unchecked exceptions.
 */
package dev.ich.core.error;
