package dev.ich.phantom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Cohort statistics of the labels (volume distribution, death rates) against the values
 * tools/reference/phantom_reference.py integrates from the documented model. Labels need no image,
 * so thousands of seeded draws take milliseconds.
 */
class OutcomeStatisticsTest {

    private static final int COHORT = 20_000;
    private static final int PER_LOCATION = 4_000;

    /** About five standard errors of a rate near 0.3 over the cohort. */
    private static final double RATE_TOLERANCE = 0.016;

    /** About five standard errors of a per-location rate (smallest group ≈ 3 000 draws). */
    private static final double LOCATION_RATE_TOLERANCE = 0.045;

    /** Relative tolerance of a volume quantile over the cohort. */
    private static final double QUANTILE_TOLERANCE = 0.05;

    @Test
    void randomCohortMatchesTheDocumentedDistribution() throws IOException {
        Properties ref = RngTest.reference();
        PhantomCohort cohort = new PhantomCohort(PhantomSpec.builder().build(), 2024, COHORT);
        double[] volumes = new double[COHORT];
        int deaths = 0;
        Map<Location, int[]> byLocation = new EnumMap<>(Location.class);
        for (int i = 0; i < COHORT; i++) {
            PhantomLabel label = PhantomGenerator.label(cohort.spec(i));
            volumes[i] = label.targetVolumeMl();
            deaths += label.outcome();
            int[] counts = byLocation.computeIfAbsent(label.primaryLocation(), l -> new int[2]);
            counts[0]++;
            counts[1] += label.outcome();
        }
        double rate = deaths / (double) COHORT;
        assertThat(rate)
                .isBetween(0.25, 0.35)
                .isCloseTo(
                        Double.parseDouble(ref.getProperty("death.all")), within(RATE_TOLERANCE));
        for (Location location : Location.values()) {
            int[] counts = byLocation.get(location);
            assertThat(counts[1] / (double) counts[0])
                    .as("death rate of %s", location)
                    .isCloseTo(
                            Double.parseDouble(ref.getProperty("death." + location)),
                            within(LOCATION_RATE_TOLERANCE));
        }
        Arrays.sort(volumes);
        assertThat(volumes[0]).isGreaterThanOrEqualTo(1);
        assertThat(volumes[COHORT - 1]).isLessThanOrEqualTo(120);
        for (int q : new int[] {5, 25, 50, 75, 95}) {
            double expected = Double.parseDouble(ref.getProperty(String.format("volume.q%02d", q)));
            assertThat(volumes[q * COHORT / 100])
                    .as("volume quantile %d %%", q)
                    .isCloseTo(expected, within(QUANTILE_TOLERANCE * expected));
        }
    }

    @Test
    void riskRisesWithVolume() {
        PhantomCohort cohort = new PhantomCohort(PhantomSpec.builder().build(), 77, COHORT);
        int[] n = new int[3];
        int[] deaths = new int[3];
        for (int i = 0; i < COHORT; i++) {
            PhantomLabel label = PhantomGenerator.label(cohort.spec(i));
            int tertile = label.targetVolumeMl() < 9.5 ? 0 : label.targetVolumeMl() < 23 ? 1 : 2;
            n[tertile]++;
            deaths[tertile] += label.outcome();
        }
        double low = deaths[0] / (double) n[0];
        double middle = deaths[1] / (double) n[1];
        double high = deaths[2] / (double) n[2];
        assertThat(middle).isGreaterThan(low + 0.15);
        assertThat(high).isGreaterThan(middle + 0.2);
        // Volume is not a perfect predictor: some small bleeds die and some large ones survive.
        assertThat(low).isGreaterThan(0.01);
        assertThat(high).isLessThan(0.95);
    }

    @Test
    void deepAndInfratentorialBleedsCarryMoreRiskAtTheSameVolume() throws IOException {
        Properties ref = RngTest.reference();
        Map<Location, Double> rates = new EnumMap<>(Location.class);
        for (Location location : Location.values()) {
            PhantomSpec spec = PhantomSpec.builder().location(location).targetVolumeMl(20).build();
            PhantomCohort cohort = new PhantomCohort(spec, 5, PER_LOCATION);
            int deaths = 0;
            for (int i = 0; i < PER_LOCATION; i++) {
                PhantomLabel label = PhantomGenerator.label(cohort.spec(i));
                assertThat(label.targetVolumeMl()).isEqualTo(20);
                deaths += label.outcome();
            }
            double rate = deaths / (double) PER_LOCATION;
            assertThat(rate)
                    .as("death rate at 20 ml, %s", location)
                    .isCloseTo(
                            Double.parseDouble(ref.getProperty("death.at20ml." + location)),
                            within(RATE_TOLERANCE * 2.5));
            rates.put(location, rate);
        }
        assertThat(rates.get(Location.DEEP)).isGreaterThan(rates.get(Location.LOBAR) + 0.07);
        assertThat(rates.get(Location.INFRATENTORIAL))
                .isGreaterThan(rates.get(Location.DEEP) + 0.09);
    }
}
