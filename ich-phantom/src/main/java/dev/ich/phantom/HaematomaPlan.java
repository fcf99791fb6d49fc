package dev.ich.phantom;

/**
 * The haematomas to grow: total volume, each one's share and location, drawn before any shape so
 * that volume and location do not depend on the head's geometry or appearance.
 *
 * <p>Random total volume: ∛V ~ Normal({@link PhantomSpec#DEFAULT_CBRT_MEAN}, {@link
 * PhantomSpec#DEFAULT_CBRT_SD}) truncated to [1, 120] ml (to [1, 50] ml when the primary bleed is
 * infratentorial). A given range: ∛V uniform in it. Several haematomas: the primary takes 55–85 %
 * of the total, the others share the rest with random weights; an infratentorial haematoma is never
 * given more than {@link PhantomSpec#MAX_INFRATENTORIAL_ML}.
 */
final class HaematomaPlan {

    private final double[] volumes;
    private final Location[] locations;
    private final double total;

    private HaematomaPlan(double[] volumes, Location[] locations, double total) {
        this.volumes = volumes;
        this.locations = locations;
        this.total = total;
    }

    static HaematomaPlan draw(PhantomSpec spec, Rng rng) {
        int count = spec.haematomaCount();
        if (count == 0) {
            return new HaematomaPlan(new double[0], new Location[0], 0);
        }
        Location fixed = spec.location().orElse(null);
        Location primary = fixed != null ? fixed : randomLocation(rng, true);
        double total;
        if (spec.volumeGiven()) {
            double lo = spec.volumeMinMl();
            double hi = spec.volumeMaxMl();
            if (primary == Location.INFRATENTORIAL && fixed == null) {
                if (lo > PhantomSpec.MAX_INFRATENTORIAL_ML) {
                    primary = randomLocation(rng, false);
                } else {
                    hi = Math.min(hi, PhantomSpec.MAX_INFRATENTORIAL_ML);
                }
            }
            double c = rng.uniform(StrictMath.cbrt(lo), StrictMath.cbrt(hi));
            total = Math.min(hi, Math.max(lo, c * c * c));
        } else {
            double max =
                    primary == Location.INFRATENTORIAL
                            ? PhantomSpec.MAX_INFRATENTORIAL_ML
                            : PhantomSpec.DEFAULT_MAX_VOLUME_ML;
            double cLo = StrictMath.cbrt(PhantomSpec.DEFAULT_MIN_VOLUME_ML);
            double cHi = StrictMath.cbrt(max);
            double c;
            do {
                c = PhantomSpec.DEFAULT_CBRT_MEAN + PhantomSpec.DEFAULT_CBRT_SD * rng.gaussian();
            } while (c < cLo || c > cHi);
            total = c * c * c;
        }
        double[] volumes = new double[count];
        Location[] locations = new Location[count];
        locations[0] = primary;
        if (count == 1) {
            volumes[0] = total;
        } else {
            double primaryShare = rng.uniform(0.55, 0.85);
            volumes[0] = total * primaryShare;
            double[] weights = new double[count];
            double sum = 0;
            for (int h = 1; h < count; h++) {
                weights[h] = rng.uniform(0.5, 1.5);
                sum += weights[h];
            }
            for (int h = 1; h < count; h++) {
                volumes[h] = total * (1 - primaryShare) * weights[h] / sum;
                Location where = fixed != null ? fixed : randomLocation(rng, true);
                if (where == Location.INFRATENTORIAL
                        && volumes[h] > PhantomSpec.MAX_INFRATENTORIAL_ML) {
                    where = randomLocation(rng, false);
                }
                locations[h] = where;
            }
        }
        return new HaematomaPlan(volumes, locations, total);
    }

    private static Location randomLocation(Rng rng, boolean infratentorialAllowed) {
        double[] p = PhantomSpec.LOCATION_PROBABILITIES;
        double u = rng.nextDouble() * (infratentorialAllowed ? 1 : p[0] + p[1]);
        if (u < p[0]) {
            return Location.LOBAR;
        }
        return u < p[0] + p[1] ? Location.DEEP : Location.INFRATENTORIAL;
    }

    int count() {
        return volumes.length;
    }

    double volumeMl(int h) {
        return volumes[h];
    }

    Location location(int h) {
        return locations[h];
    }

    double totalMl() {
        return total;
    }
}
