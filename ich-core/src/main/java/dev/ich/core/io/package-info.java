/**
 * Interfaces through which ich-core reads studies (the implementations live in ich-dicom), and
 * {@link dev.ich.core.io.OutputBatch}, which writes a task's output files all or none.
 */
package dev.ich.core.io;
