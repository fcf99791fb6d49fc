/**
 * Synthetic head CTs with known haematomas and outcome, for tests, demos and training: like MONAI's
 * {@code create_test_image_3d}, but with anatomy (scalp, skull, CSF, grey and white matter,
 * ventricles, posterior fossa, skull base), haematomas of exact volume, class of location and
 * irregular shape, and an outcome drawn from a documented risk model.
 *
 * <p>Entry points: {@link dev.ich.phantom.PhantomSpec} (what to make), {@link
 * dev.ich.phantom.PhantomGenerator} (makes one {@link dev.ich.phantom.Phantom}) and {@link
 * dev.ich.phantom.PhantomCohort} (many, reproducibly). Generation is deterministic: the same spec
 * and seed give the same voxels on every JDK. The model and every parameter range are in {@code
 * docs/phantoms.md}.
 */
package dev.ich.phantom;
