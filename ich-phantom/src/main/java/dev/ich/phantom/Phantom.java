package dev.ich.phantom;

import dev.ich.core.volume.BinaryMask;
import dev.ich.core.volume.CtVolume;
import java.util.List;
import java.util.Objects;

/**
 * A synthetic head CT with its ground truth.
 *
 * @param seed the seed it was generated from ({@code
 *     PhantomGenerator.generate(spec.withSeed(seed))} makes it again)
 * @param volume the CT in HU, with LPS geometry and synthetic provenance (no identity)
 * @param mask the haematoma voxels (all haematomas)
 * @param oedema the hypodense rim around the haematomas (not part of {@code mask})
 * @param anatomy the tissue of every voxel without the haematomas and their rims
 * @param volumeMl total haematoma volume: exactly {@code mask.volumeMl()}
 * @param haematomas each haematoma, the largest (primary) first
 * @param outcome 1 = death, 0 = survival, drawn from {@code deathProbability}
 * @param deathProbability the probability the outcome was drawn from (see {@link OutcomeModel})
 * @param parameters what the seed drew for acquisition and anatomy
 */
public record Phantom(
        long seed,
        CtVolume volume,
        BinaryMask mask,
        BinaryMask oedema,
        TissueMap anatomy,
        double volumeMl,
        List<Haematoma> haematomas,
        int outcome,
        double deathProbability,
        PhantomParameters parameters) {

    public Phantom {
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(oedema, "oedema");
        Objects.requireNonNull(anatomy, "anatomy");
        Objects.requireNonNull(parameters, "parameters");
        haematomas = List.copyOf(haematomas);
        if (volumeMl != mask.volumeMl()) {
            throw new IllegalArgumentException(
                    "volumeMl " + volumeMl + " differs from the mask's " + mask.volumeMl());
        }
        if (outcome != 0 && outcome != 1) {
            throw new IllegalArgumentException("outcome must be 0 or 1, got " + outcome);
        }
        if (!(deathProbability >= 0 && deathProbability <= 1)) {
            throw new IllegalArgumentException(
                    "deathProbability must lie in [0, 1], got " + deathProbability);
        }
    }

    /** The location of the largest haematoma, or {@code null} for a phantom without one. */
    public Location primaryLocation() {
        return haematomas.isEmpty() ? null : haematomas.get(0).location();
    }
}
