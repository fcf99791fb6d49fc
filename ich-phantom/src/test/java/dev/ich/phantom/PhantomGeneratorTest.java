package dev.ich.phantom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ich.core.geometry.Affine;
import dev.ich.core.geometry.Vec3;
import dev.ich.core.geometry.VolumeGeometry;
import dev.ich.core.volume.BinaryMask;
import dev.ich.core.volume.CtVolume;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Generated phantoms measured on their own voxels: determinism, exact volumes, where the blood
 * lies, HU per tissue, geometry. 256² phantoms keep the suite quick.
 */
class PhantomGeneratorTest {

    /**
     * Each haematoma is rounded to whole voxels: the total is within half a voxel per haematoma.
     */
    private static final double HALF_VOXEL = 0.5;

    /** Relative tolerance of the measured noise standard deviation in air. */
    private static final double NOISE_TOLERANCE = 0.1;

    private static final Set<Tissue> OUTSIDE_BRAIN =
            EnumSet.of(Tissue.AIR, Tissue.SOFT_TISSUE, Tissue.FAT, Tissue.BONE);

    private static final PhantomSpec BASE = PhantomSpec.builder().inPlaneSize(256).build();
    private static final Map<Location, Phantom> BY_LOCATION = new EnumMap<>(Location.class);

    @BeforeAll
    static void generate() {
        for (Location location : Location.values()) {
            BY_LOCATION.put(
                    location,
                    PhantomGenerator.generate(
                            BASE.toBuilder()
                                    .location(location)
                                    .targetVolumeMl(20)
                                    .seed(11 + location.ordinal())
                                    .build()));
        }
    }

    @Test
    void sameSeedGivesTheSameVoxelsAndAnotherSeedDoesNot() {
        PhantomSpec spec = BASE.withSeed(11);
        Phantom a = PhantomGenerator.generate(spec);
        Phantom b = PhantomGenerator.generate(spec);
        Phantom c = PhantomGenerator.generate(BASE.withSeed(12));
        assertThat(a.volume().sameVoxels(b.volume())).isTrue();
        assertThat(a.mask()).isEqualTo(b.mask());
        assertThat(a.oedema()).isEqualTo(b.oedema());
        assertThat(a.volumeMl()).isEqualTo(b.volumeMl());
        assertThat(a.outcome()).isEqualTo(b.outcome());
        assertThat(a.deathProbability()).isEqualTo(b.deathProbability());
        assertThat(a.volume().sameVoxels(c.volume())).isFalse();
        assertThat(a.mask()).isNotEqualTo(c.mask());
    }

    @Test
    void maskVolumeIsExactAndHitsTheTarget() {
        for (Phantom p : BY_LOCATION.values()) {
            checkVolume(p);
            assertThat(p.haematomas()).hasSize(1);
            assertThat(p.parameters().targetVolumeMl()).isEqualTo(20);
        }
        Phantom several =
                PhantomGenerator.generate(
                        BASE.toBuilder()
                                .haematomaCount(3)
                                .targetVolumeMl(45)
                                .sliceThicknessMm(2)
                                .seed(5)
                                .build());
        checkVolume(several);
        assertThat(several.haematomas()).hasSize(3);
        assertThat(several.haematomas().get(0).volumeMl())
                .isGreaterThan(several.haematomas().get(1).volumeMl());
        assertThat(several.volume().geometry().spacing().z()).isEqualTo(2);
    }

    private static void checkVolume(Phantom p) {
        VolumeGeometry g = p.volume().geometry();
        double voxelMl = g.voxelVolumeMm3() / 1000;
        int count = p.mask().count();
        assertThat(p.volumeMl())
                .isEqualTo(p.mask().volumeMl())
                .isEqualTo(count * g.voxelVolumeMm3() / 1000.0);
        assertThat(p.haematomas().stream().mapToInt(Haematoma::voxelCount).sum()).isEqualTo(count);
        for (Haematoma h : p.haematomas()) {
            assertThat(h.volumeMl()).isEqualTo(h.voxelCount() * g.voxelVolumeMm3() / 1000);
            Vec3 v = g.patientToVoxel().apply(h.centreMm());
            assertThat(
                            p.mask()
                                    .contains(
                                            (int) Math.round(v.x()),
                                            (int) Math.round(v.y()),
                                            (int) Math.round(v.z())))
                    .as("the centre lies in the haematoma")
                    .isTrue();
        }
        assertThat(p.volumeMl())
                .isCloseTo(
                        p.parameters().targetVolumeMl(),
                        within(p.haematomas().size() * HALF_VOXEL * voxelMl + 1e-12));
        BitSet overlap = p.mask().bits();
        overlap.and(p.oedema().bits());
        assertThat(overlap.isEmpty()).as("the oedema rim is not in the mask").isTrue();
        assertThat(p.oedema().count()).isPositive();
    }

    @Test
    void bloodLiesInsideTheBrainInItsRegion() {
        Map<Location, Set<Tissue>> expected =
                Map.of(
                        Location.LOBAR, EnumSet.of(Tissue.GREY_MATTER, Tissue.WHITE_MATTER),
                        Location.DEEP, EnumSet.of(Tissue.DEEP_GREY_MATTER, Tissue.WHITE_MATTER),
                        Location.INFRATENTORIAL, EnumSet.of(Tissue.CEREBELLUM, Tissue.BRAINSTEM));
        for (Location location : Location.values()) {
            Phantom p = BY_LOCATION.get(location);
            VolumeGeometry g = p.volume().geometry();
            BinaryMask mask = p.mask();
            TissueMap anatomy = p.anatomy();
            int inClass = 0;
            int count = 0;
            double[] centroid = new double[3];
            Affine toHead = p.parameters().headToPatient().inverse();
            BitSet bits = mask.bits();
            for (int n = bits.nextSetBit(0); n >= 0; n = bits.nextSetBit(n + 1)) {
                int i = n % g.nx();
                int j = (n / g.nx()) % g.ny();
                int k = n / (g.nx() * g.ny());
                Tissue under = anatomy.tissueAt(n);
                assertThat(under)
                        .as("%s voxel under the blood", location)
                        .isNotIn(
                                Tissue.AIR,
                                Tissue.SOFT_TISSUE,
                                Tissue.FAT,
                                Tissue.BONE,
                                Tissue.VENTRICLE);
                if (expected.get(location).contains(under)) {
                    inClass++;
                }
                int[][] neighbours = {{i - 1, j}, {i + 1, j}, {i, j - 1}, {i, j + 1}};
                for (int[] nb : neighbours) {
                    assertThat(OUTSIDE_BRAIN.contains(anatomy.tissueAt(nb[0], nb[1], k)))
                            .as("%s blood next to %s", location, anatomy.tissueAt(nb[0], nb[1], k))
                            .isFalse();
                }
                Vec3 head = toHead.apply(g.voxelToPatient().apply(i, j, k));
                centroid[0] += head.x();
                centroid[1] += head.y();
                centroid[2] += head.z();
                count++;
            }
            assertThat(inClass)
                    .as("%s voxels in %s", location, expected.get(location))
                    .isGreaterThan(count * 8 / 10);
            double x = centroid[0] / count;
            double y = centroid[1] / count;
            double z = centroid[2] / count;
            // Head coordinates: x left, y posterior, z superior, origin at the third ventricle.
            switch (location) {
                case INFRATENTORIAL:
                    assertThat(z).as("below the tentorium").isLessThan(-12);
                    assertThat(y).as("in the posterior fossa").isGreaterThan(5);
                    break;
                case DEEP:
                    assertThat(Math.sqrt(x * x + y * y + z * z))
                            .as("near the basal ganglia")
                            .isLessThan(40);
                    assertThat(z).isBetween(-25.0, 30.0);
                    break;
                default:
                    assertThat(Math.sqrt(x * x + y * y + z * z))
                            .as("away from the centre")
                            .isGreaterThan(30);
                    assertThat(z).as("above the tentorium").isGreaterThan(-40);
            }
        }
    }

    /**
     * Medians per tissue (thick slices average neighbouring tissues at boundaries, as real CT does,
     * so a few boundary voxels are far off), the mean of the blood, the air mode and the noise.
     */
    @Test
    void tissueDensitiesAreThoseOfAHeadCt() {
        for (Phantom p : BY_LOCATION.values()) {
            CtVolume ct = p.volume();
            TissueMap anatomy = p.anatomy();
            BitSet blood = p.mask().bits();
            BitSet rim = p.oedema().bits();
            Map<Tissue, int[]> histograms = new EnumMap<>(Tissue.class);
            double bloodSum = 0;
            double airFar = 0;
            double airFarSquares = 0;
            int airFarCount = 0;
            VolumeGeometry g = ct.geometry();
            for (int n = 0; n < g.voxelCount(); n++) {
                double hu = ct.huAt(n);
                Tissue t =
                        blood.get(n)
                                ? Tissue.HAEMATOMA
                                : rim.get(n) ? Tissue.OEDEMA : anatomy.tissueAt(n);
                int bin = (int) Math.floor(hu) + HISTOGRAM_OFFSET;
                histograms
                        .computeIfAbsent(t, x -> new int[HISTOGRAM_BINS])[
                        Math.max(0, Math.min(HISTOGRAM_BINS - 1, bin))]++;
                if (t == Tissue.HAEMATOMA) {
                    bloodSum += hu;
                }
                int i = n % g.nx();
                int j = (n / g.nx()) % g.ny();
                if (t == Tissue.AIR && (i < 10 || j < 10 || i >= g.nx() - 10 || j >= g.ny() - 10)) {
                    airFar += hu;
                    airFarSquares += hu * hu;
                    airFarCount++;
                }
            }
            assertThat(bloodSum / p.mask().count())
                    .as("mean blood HU")
                    .isBetween(50.0, 90.0)
                    .isCloseTo(p.haematomas().get(0).densityHu(), within(3.0));
            assertThat(median(histograms, Tissue.HAEMATOMA)).isBetween(50.0, 90.0);
            assertThat(median(histograms, Tissue.OEDEMA)).isBetween(12.0, 28.0);
            assertThat(median(histograms, Tissue.WHITE_MATTER)).isBetween(20.0, 35.0);
            assertThat(median(histograms, Tissue.GREY_MATTER))
                    .isBetween(30.0, 46.0)
                    .isGreaterThan(median(histograms, Tissue.WHITE_MATTER) + 3);
            assertThat(median(histograms, Tissue.DEEP_GREY_MATTER)).isBetween(28.0, 45.0);
            assertThat(median(histograms, Tissue.VENTRICLE)).isBetween(0.0, 16.0);
            assertThat(median(histograms, Tissue.CSF))
                    .as("CSF, thin sulci included")
                    .isBetween(0.0, 25.0);
            assertThat(median(histograms, Tissue.CEREBELLUM)).isBetween(25.0, 45.0);
            assertThat(median(histograms, Tissue.BONE)).isBetween(700.0, 1500.0);
            assertThat(IntStream.of(histograms.get(Tissue.BONE)).sum()).isGreaterThan(5000);
            assertThat(mode(histograms.get(Tissue.AIR))).as("air mode").isBetween(-1004.0, -996.0);
            // Far from the head the noise alone sets the spread of air.
            double mean = airFar / airFarCount;
            double sd = Math.sqrt(airFarSquares / airFarCount - mean * mean);
            double sigma = p.parameters().noiseSigmaHu();
            assertThat(sd).as("noise in air").isCloseTo(sigma, within(NOISE_TOLERANCE * sigma));
        }
    }

    private static final int HISTOGRAM_OFFSET = 1100;
    private static final int HISTOGRAM_BINS = 3200;

    private static double median(Map<Tissue, int[]> histograms, Tissue tissue) {
        int[] h = histograms.get(tissue);
        assertThat(h).as("voxels of %s", tissue).isNotNull();
        int total = IntStream.of(h).sum();
        int cumulative = 0;
        for (int b = 0; b < h.length; b++) {
            cumulative += h[b];
            if (2 * cumulative >= total) {
                return b - HISTOGRAM_OFFSET + 0.5;
            }
        }
        throw new AssertionError("empty histogram");
    }

    private static double mode(int[] h) {
        int best = 0;
        for (int b = 1; b < h.length; b++) {
            if (h[b] > h[best]) {
                best = b;
            }
        }
        return best - HISTOGRAM_OFFSET + 0.5;
    }

    @Test
    void geometryIsThatOfAHeadCtSeries() {
        for (Phantom p : BY_LOCATION.values()) {
            VolumeGeometry g = p.volume().geometry();
            assertThat(g.nx()).isEqualTo(256);
            assertThat(g.ny()).isEqualTo(256);
            assertThat(g.nz()).isBetween(26, 34);
            assertThat(g.spacing().x()).isEqualTo(g.spacing().y()).isBetween(220 / 256.0, 0.9);
            assertThat(g.spacing().z()).isEqualTo(5);
            assertThat(g.axisI()).isEqualTo(new Vec3(1, 0, 0));
            assertThat(g.axisJ()).isEqualTo(new Vec3(0, 1, 0));
            assertThat(g.axisK()).isEqualTo(new Vec3(0, 0, 1));
            assertThat(Math.abs(g.origin().x())).isBetween(90.0, 130.0);
            assertThat(g.origin().y()).isBetween(-160.0, -80.0);
            assertThat(g.origin().z()).isBetween(-200.0, 0.0);
            assertThat(p.volume().provenance().seriesInstanceUid())
                    .isEqualTo("phantom:seed=" + p.seed());
            assertThat(p.volume().provenance().fileCount()).isZero();
            assertThat(p.volume().provenance().sliceCount()).isEqualTo(g.nz());
            // The whole head lies in the field of view: the border rows and columns are air.
            TissueMap anatomy = p.anatomy();
            for (int k = 0; k < g.nz(); k++) {
                for (int t = 0; t < 256; t++) {
                    assertThat(anatomy.tissueAt(t, 0, k)).isEqualTo(Tissue.AIR);
                    assertThat(anatomy.tissueAt(0, t, k)).isEqualTo(Tissue.AIR);
                    assertThat(anatomy.tissueAt(t, 255, k)).isEqualTo(Tissue.AIR);
                    assertThat(anatomy.tissueAt(255, t, k)).isEqualTo(Tissue.AIR);
                }
            }
        }
    }

    @Test
    void outcomeIsTheLabelOfTheSeed() {
        for (Phantom p : BY_LOCATION.values()) {
            PhantomLabel label =
                    PhantomGenerator.label(
                            BASE.toBuilder()
                                    .location(p.primaryLocation())
                                    .targetVolumeMl(20)
                                    .seed(p.seed())
                                    .build());
            assertThat(p.outcome()).isEqualTo(label.outcome());
            assertThat(p.deathProbability()).isEqualTo(label.deathProbability());
            assertThat(label.locations()).containsExactly(p.primaryLocation());
        }
    }

    /**
     * No shortcut: with the seed fixed, a different haematoma volume and location leaves the head,
     * its pose, the field of view and the noise level exactly as they were.
     */
    @Test
    void appearanceDoesNotDependOnTheHaematoma() {
        PhantomSpec coarse =
                PhantomSpec.builder().inPlaneSize(128).pixelSpacingMm(1.8, 2.0).seed(21).build();
        Phantom small =
                PhantomGenerator.generate(
                        coarse.toBuilder().location(Location.LOBAR).targetVolumeMl(3).build());
        Phantom large =
                PhantomGenerator.generate(
                        coarse.toBuilder().location(Location.DEEP).targetVolumeMl(70).build());
        assertThat(large.volumeMl()).isGreaterThan(20 * small.volumeMl());
        assertThat(large.parameters())
                .usingRecursiveComparison()
                .ignoringFields("targetVolumeMl")
                .isEqualTo(small.parameters());
        assertThat(large.volume().geometry()).isEqualTo(small.volume().geometry());
        int voxels = small.volume().geometry().voxelCount();
        int same = 0;
        for (int n = 0; n < voxels; n++) {
            assertThat(large.anatomy().tissueAt(n)).isEqualTo(small.anatomy().tissueAt(n));
            boolean untouched =
                    !small.mask().contains(n)
                            && !small.oedema().contains(n)
                            && !large.mask().contains(n)
                            && !large.oedema().contains(n);
            if (untouched) {
                assertThat(large.volume().huAt(n)).isEqualTo(small.volume().huAt(n));
                same++;
            }
        }
        assertThat(same).isGreaterThan(voxels * 9 / 10);
    }

    /** The largest volumes the spec allows fit their compartments (coarse grid, to stay quick). */
    @Test
    void extremeVolumesFit() {
        PhantomSpec coarse =
                PhantomSpec.builder().inPlaneSize(128).pixelSpacingMm(1.8, 2.0).seed(8).build();
        checkVolume(
                PhantomGenerator.generate(
                        coarse.toBuilder()
                                .location(Location.INFRATENTORIAL)
                                .targetVolumeMl(PhantomSpec.MAX_INFRATENTORIAL_ML)
                                .build()));
        checkVolume(
                PhantomGenerator.generate(
                        coarse.toBuilder().location(Location.LOBAR).targetVolumeMl(150).build()));
        Phantom four =
                PhantomGenerator.generate(
                        coarse.toBuilder().haematomaCount(4).targetVolumeMl(150).build());
        checkVolume(four);
        assertThat(four.haematomas()).hasSize(4);
    }

    @Test
    void aHeadWithoutHaematoma() {
        Phantom p = PhantomGenerator.generate(BASE.toBuilder().haematomaCount(0).seed(3).build());
        assertThat(p.mask().count()).isZero();
        assertThat(p.oedema().count()).isZero();
        assertThat(p.volumeMl()).isZero();
        assertThat(p.haematomas()).isEmpty();
        assertThat(p.primaryLocation()).isNull();
        assertThat(p.deathProbability()).isLessThan(0.01);
    }
}
