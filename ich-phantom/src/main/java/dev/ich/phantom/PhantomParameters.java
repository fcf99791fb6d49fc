package dev.ich.phantom;

import dev.ich.core.geometry.Affine;
import java.util.Objects;

/**
 * The values a phantom's seed drew for its acquisition and anatomy, for inspection and tests. None
 * depends on the haematoma volume or the outcome.
 *
 * @param pixelSpacingMm in-plane spacing
 * @param sliceThicknessMm slice thickness and spacing
 * @param headWidthMm left–right extent of the head ellipsoid before perturbation (2 × half width)
 * @param headLengthMm anterior–posterior extent (2 × half length)
 * @param yawDeg rotation of the head about the patient's z axis
 * @param pitchDeg rotation about x (chin up or down)
 * @param rollDeg rotation about y
 * @param headToPatient maps head coordinates (mm; x left, y posterior, z superior, origin at the
 *     third ventricle) to patient coordinates (LPS mm)
 * @param noiseSigmaHu standard deviation of the image noise
 * @param scalpMm scalp thickness
 * @param skullMm mean skull vault thickness (thinner at the temples)
 * @param atrophy 0–1; scales the subarachnoid rim, the sulci and the ventricles together
 * @param whiteMatterHu white matter density before texture and noise
 * @param greyMatterHu grey matter density before texture and noise
 * @param csfHu cerebrospinal fluid density
 * @param boneHu density of the skull's inner and outer tables
 * @param targetVolumeMl total haematoma volume asked of the shape fitting (0 without a haematoma)
 */
public record PhantomParameters(
        double pixelSpacingMm,
        double sliceThicknessMm,
        double headWidthMm,
        double headLengthMm,
        double yawDeg,
        double pitchDeg,
        double rollDeg,
        Affine headToPatient,
        double noiseSigmaHu,
        double scalpMm,
        double skullMm,
        double atrophy,
        double whiteMatterHu,
        double greyMatterHu,
        double csfHu,
        double boneHu,
        double targetVolumeMl) {

    public PhantomParameters {
        Objects.requireNonNull(headToPatient, "headToPatient");
    }
}
