package dev.ich.phantom;

import java.util.Objects;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A reproducible cohort of phantoms from one template spec and one seed. Phantom {@code i} gets a
 * seed derived from the cohort seed and {@code i} alone, so it is the same phantom whatever the
 * cohort size, and any phantom can be made without making the ones before it. Phantoms are made
 * lazily (a 512² phantom holds about 40 MB).
 */
public final class PhantomCohort {

    private final PhantomSpec template;
    private final long seed;
    private final int size;

    /**
     * @param template every phantom's spec except its seed
     * @param seed the cohort seed
     * @param size number of phantoms
     */
    public PhantomCohort(PhantomSpec template, long seed, int size) {
        this.template = Objects.requireNonNull(template, "template");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative, got " + size);
        }
        this.seed = seed;
        this.size = size;
    }

    public int size() {
        return size;
    }

    /** The seed of phantom {@code i}: a mix of the cohort seed and {@code i}. */
    public long seedOf(int i) {
        checkIndex(i);
        return Rng.mix(Rng.mix(seed) + 0x9e3779b97f4a7c15L * (i + 1L));
    }

    /** The spec of phantom {@code i}. */
    public PhantomSpec spec(int i) {
        return template.withSeed(seedOf(i));
    }

    /** Generates phantom {@code i}. */
    public Phantom generate(int i) {
        return PhantomGenerator.generate(spec(i));
    }

    /** The phantoms in order, each generated when the stream reaches it. */
    public Stream<Phantom> stream() {
        return IntStream.range(0, size).mapToObj(this::generate);
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("phantom " + i + " is outside a cohort of " + size);
        }
    }
}
