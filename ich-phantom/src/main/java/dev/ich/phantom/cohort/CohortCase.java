package dev.ich.phantom.cohort;

/**
 * One row of a cohort manifest.
 *
 * @param id the case name, e.g. {@code case-0007}
 * @param study the DICOM series folder, relative to the manifest
 * @param mask the haematoma mask NIfTI, relative to the manifest
 * @param volumeMl the true haematoma volume (the mask's)
 * @param outcome 1 = death, 0 = survival
 * @param location the primary haematoma's location class
 * @param abc2Ml ABC/2 measured exactly on the true mask
 * @param raterMl the simulated raters' ABC/2 estimates
 */
public record CohortCase(
        String id,
        String study,
        String mask,
        double volumeMl,
        int outcome,
        String location,
        double abc2Ml,
        double[] raterMl) {

    public CohortCase {
        raterMl = raterMl.clone();
    }

    @Override
    public double[] raterMl() {
        return raterMl.clone();
    }
}
