package dev.ich.phantom;

/** Where a haematoma lies, in the three classes clinical ICH scores use. */
public enum Location {
    /** Cortical or subcortical white matter of a cerebral lobe (supratentorial). */
    LOBAR,
    /**
     * Basal ganglia (putamen, caudate) or thalamus, next to the lateral ventricles
     * (supratentorial).
     */
    DEEP,
    /** Cerebellum or brainstem (pons), in the posterior fossa below the tentorium. */
    INFRATENTORIAL
}
