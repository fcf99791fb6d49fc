/**
 * Synthetic cohorts on disk: phantoms as DICOM series with NIfTI masks, a manifest with the truth
 * and simulated clinicians' ABC/2 estimates (the paper's Table 1 raters). Used by {@code ich
 * phantoms} and {@code ich demo}.
 */
package dev.ich.phantom.cohort;
