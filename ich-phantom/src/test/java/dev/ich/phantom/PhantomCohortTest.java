package dev.ich.phantom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PhantomCohortTest {

    /** Coarse 128² phantoms (1.8–2 mm pixels): identity checks need no fine grid. */
    private static final PhantomSpec SPEC =
            PhantomSpec.builder().inPlaneSize(128).pixelSpacingMm(1.8, 2.0).build();

    @Test
    void phantomIIsTheSameWhateverTheCohortSize() {
        PhantomCohort small = new PhantomCohort(SPEC, 99, 3);
        PhantomCohort large = new PhantomCohort(SPEC, 99, 500);
        for (int i = 0; i < 3; i++) {
            assertThat(small.seedOf(i)).isEqualTo(large.seedOf(i));
        }
        Phantom fromSmall = small.generate(2);
        Phantom fromLarge = large.generate(2);
        assertThat(fromSmall.volume().sameVoxels(fromLarge.volume())).isTrue();
        assertThat(fromSmall.mask()).isEqualTo(fromLarge.mask());
        assertThat(fromSmall.outcome()).isEqualTo(fromLarge.outcome());
    }

    @Test
    void seedsDifferBetweenPhantomsAndCohorts() {
        Set<Long> seeds = new HashSet<>();
        PhantomCohort a = new PhantomCohort(SPEC, 1, 2000);
        PhantomCohort b = new PhantomCohort(SPEC, 2, 2000);
        for (int i = 0; i < 2000; i++) {
            seeds.add(a.seedOf(i));
            seeds.add(b.seedOf(i));
        }
        assertThat(seeds).hasSize(4000);
        assertThat(a.spec(7).seed()).isEqualTo(a.seedOf(7));
        assertThat(a.spec(7).inPlaneSize()).isEqualTo(128);
    }

    @Test
    void indicesOutsideTheCohortAreRejected() {
        PhantomCohort cohort = new PhantomCohort(SPEC, 1, 3);
        assertThatThrownBy(() -> cohort.seedOf(3))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("phantom 3");
        assertThatThrownBy(() -> new PhantomCohort(SPEC, 1, -1)).hasMessageContaining("size");
    }
}
