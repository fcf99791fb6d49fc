/** Interfaces through which ich-core reads studies; the implementations live in ich-dicom. */
package dev.ich.core.io;
