package dev.ich.phantom;

import dev.ich.core.geometry.Affine;
import dev.ich.core.geometry.Vec3;
import dev.ich.core.geometry.VolumeGeometry;
import dev.ich.core.volume.BinaryMask;
import dev.ich.core.volume.CtVolume;
import dev.ich.core.volume.Provenance;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Generates synthetic head CTs with known haematomas and outcome, deterministically from a {@link
 * PhantomSpec} (same spec and seed, same voxels, on every JDK).
 *
 * <p>The seed feeds independent random streams, one per stage: acquisition geometry, anatomy,
 * haematomas, outcome and noise. Because appearance and geometry come from streams of their own, no
 * shortcut links them to the volume or the outcome. See {@code docs/phantoms.md}.
 *
 * <p>Thread-safe: calls share no mutable state, so a cohort can be generated on several threads.
 */
public final class PhantomGenerator {

    private static final long STREAM_GEOMETRY = 1;
    private static final long STREAM_ANATOMY = 2;
    private static final long STREAM_HAEMATOMA = 3;
    private static final long STREAM_OUTCOME = 4;
    private static final long STREAM_NOISE = 5;
    private static final int MAX_PLACEMENT_TRIES = 2000;

    /** The noise filter [1, 2, 1]/4 along rows and columns keeps 0.375² of the variance. */
    private static final float NOISE_FILTER_GAIN = 1 / 0.375f;

    private static final float MIN_HU = -1024;

    /** Slices at least this thick are sampled three times across their thickness. */
    private static final double THICK_SLICE_MM = 2.5;

    private PhantomGenerator() {}

    /**
     * The planned haematomas and the outcome of the phantom {@code spec} describes, without
     * generating it: {@code label(spec)} agrees with {@code generate(spec)}.
     */
    public static PhantomLabel label(PhantomSpec spec) {
        HaematomaPlan plan = HaematomaPlan.draw(spec, Rng.stream(spec.seed(), STREAM_HAEMATOMA));
        return label(spec, plan);
    }

    /**
     * The outcome depends on the planned volume (not the rasterised one, which differs by under
     * half a voxel per haematoma) so that labels need no image; its stream is its own.
     */
    private static PhantomLabel label(PhantomSpec spec, HaematomaPlan plan) {
        Rng rng = Rng.stream(spec.seed(), STREAM_OUTCOME);
        OutcomeModel model = spec.outcomeModel();
        Location primary = plan.count() == 0 ? null : plan.location(0);
        double logit =
                model.linearPredictor(plan.totalMl(), primary)
                        + model.noiseSigma() * rng.gaussian();
        double probability = OutcomeModel.probability(logit);
        int outcome = rng.nextDouble() < probability ? 1 : 0;
        List<Location> locations = new ArrayList<>();
        for (int h = 0; h < plan.count(); h++) {
            locations.add(plan.location(h));
        }
        return new PhantomLabel(plan.totalMl(), locations, probability, outcome);
    }

    /** Generates the phantom the spec describes. */
    public static Phantom generate(PhantomSpec spec) {
        long seed = spec.seed();
        Rng geo = Rng.stream(seed, STREAM_GEOMETRY);
        HeadModel head = new HeadModel(Rng.stream(seed, STREAM_ANATOMY));

        // Acquisition and pose.
        int n = spec.inPlaneSize();
        double spacingMin =
                Math.max(spec.pixelSpacingMinMm(), PhantomSpec.MIN_FIELD_OF_VIEW_MM / n);
        double spacing = geo.uniform(spacingMin, spec.pixelSpacingMaxMm());
        double thickness = spec.sliceThicknessMm();
        double yaw = geo.uniform(-10, 10);
        double pitch = geo.uniform(-8, 8);
        double roll = geo.uniform(-3, 3);
        double noiseSigma = geo.uniform(spec.noiseSigmaMinHu(), spec.noiseSigmaMaxHu());
        double fov = n * spacing;
        double headRadius = 1.1 * head.halfLength;
        double maxShift = Math.min(25, Math.max(0, fov / 2 - headRadius - 5));
        double imageCentreX = geo.uniform(-10, 10);
        double imageCentreY = geo.uniform(-30, 10);
        double headX = imageCentreX + geo.uniform(-maxShift, maxShift);
        double headY = imageCentreY + geo.uniform(-maxShift, maxShift);
        double bottom = geo.uniform(-58, -46);
        double top = head.heightUp + geo.uniform(-2, 8);
        int nz = (int) Math.round((top - bottom) / thickness) + 1;
        double firstSliceZ = Math.rint(geo.uniform(-200, 0) * 2) / 2;
        double headZ = firstSliceZ - bottom;

        double[] r = rotation(yaw, pitch, roll);
        Vec3 headCentre = new Vec3(headX, headY, headZ);
        Affine headToPatient =
                Affine.ofColumns(
                        new Vec3(r[0], r[3], r[6]),
                        new Vec3(r[1], r[4], r[7]),
                        new Vec3(r[2], r[5], r[8]),
                        headCentre);
        double ox = imageCentreX - (n - 1) / 2.0 * spacing;
        double oy = imageCentreY - (n - 1) / 2.0 * spacing;
        VolumeGeometry geometry =
                VolumeGeometry.axial(
                        n,
                        n,
                        nz,
                        new Vec3(spacing, spacing, thickness),
                        new Vec3(ox, oy, firstSliceZ));

        int count = geometry.voxelCount();
        float[] hu = new float[count];
        byte[] codes = new byte[count];
        rasterise(head, geometry, r, headCentre, hu, codes);

        // Haematomas.
        Rng hr = Rng.stream(seed, STREAM_HAEMATOMA);
        HaematomaPlan plan = HaematomaPlan.draw(spec, hr);
        PhantomLabel label = label(spec, plan);
        BitSet taken = new BitSet(count);
        BitSet rim = new BitSet(count);
        HaematomaGrower grower =
                new HaematomaGrower(
                        n,
                        n,
                        nz,
                        new double[] {ox, oy, firstSliceZ},
                        new double[] {spacing, spacing, thickness},
                        codes,
                        taken);
        double voxelMm3 = geometry.voxelVolumeMm3();
        List<Haematoma> haematomas = new ArrayList<>();
        List<int[]> voxelLists = new ArrayList<>();
        List<int[]> rimLists = new ArrayList<>();
        int[] centres = new int[plan.count()];
        double[] densities = new double[plan.count()];
        for (int h = 0; h < plan.count(); h++) {
            Location location = plan.location(h);
            int voxels = Math.max(1, (int) Math.round(plan.volumeMl(h) * 1000 / voxelMm3));
            int centre =
                    placeCentre(
                            head, location, plan.volumeMl(h), geometry, headToPatient, grower, hr);
            int compartment = grower.compartmentOf(centre);
            centres[h] = centre;
            int ci = centre % n;
            int cj = (centre / n) % n;
            int ck = centre / (n * n);
            HaematomaShape shape = new HaematomaShape(hr);
            double rimMm = hr.uniform(1.5, 4);
            densities[h] = hr.uniform(58, 80);
            HaematomaGrower.Grown grown =
                    grower.grow(shape, ci, cj, ck, compartment, voxels, rimMm);
            for (int v : grown.voxels()) {
                taken.set(v);
            }
            voxelLists.add(grown.voxels());
            rimLists.add(grown.rim());
            haematomas.add(
                    new Haematoma(
                            location,
                            geometry.voxelToPatient().apply(ci, cj, ck),
                            voxels,
                            voxels * voxelMm3 / 1000,
                            densities[h]));
        }
        paintHaematomas(hu, geometry, centres, voxelLists, rimLists, densities, taken, rim, hr);

        addNoise(hu, n, n, nz, noiseSigma, Rng.stream(seed, STREAM_NOISE));

        BinaryMask mask = BinaryMask.fromBits(geometry, taken);
        BinaryMask oedema = BinaryMask.fromBits(geometry, rim);
        for (int v = 0; v < count; v++) {
            codes[v] = (byte) (codes[v] & HaematomaGrower.TISSUE_BITS);
        }
        TissueMap anatomy = new TissueMap(geometry, codes);
        double volumeMl = mask.volumeMl();

        PhantomParameters parameters =
                new PhantomParameters(
                        spacing,
                        thickness,
                        2 * head.halfWidth,
                        2 * head.halfLength,
                        yaw,
                        pitch,
                        roll,
                        headToPatient,
                        noiseSigma,
                        head.scalpMm,
                        head.skullMm,
                        head.atrophy,
                        head.whiteHu,
                        head.greyHu,
                        head.csfHu,
                        head.tableHu,
                        plan.totalMl());
        CtVolume ct = CtVolume.wrap(geometry, hu, Provenance.synthetic("phantom:seed=" + seed, nz));
        return new Phantom(
                seed,
                ct,
                mask,
                oedema,
                anatomy,
                volumeMl,
                haematomas,
                label.outcome(),
                label.deathProbability(),
                parameters);
    }

    /** Row-major rotation head → patient: yaw about z, then pitch about x, then roll about y. */
    static double[] rotation(double yawDeg, double pitchDeg, double rollDeg) {
        double cy = StrictMath.cos(Math.toRadians(yawDeg));
        double sy = StrictMath.sin(Math.toRadians(yawDeg));
        double cp = StrictMath.cos(Math.toRadians(pitchDeg));
        double sp = StrictMath.sin(Math.toRadians(pitchDeg));
        double cr = StrictMath.cos(Math.toRadians(rollDeg));
        double sr = StrictMath.sin(Math.toRadians(rollDeg));
        double[] z = {cy, -sy, 0, sy, cy, 0, 0, 0, 1};
        double[] x = {1, 0, 0, 0, cp, -sp, 0, sp, cp};
        double[] y = {cr, 0, sr, 0, 1, 0, -sr, 0, cr};
        return multiply(multiply(z, x), y);
    }

    private static double[] multiply(double[] a, double[] b) {
        double[] c = new double[9];
        for (int row = 0; row < 3; row++) {
            for (int col = 0; col < 3; col++) {
                c[3 * row + col] =
                        a[3 * row] * b[col]
                                + a[3 * row + 1] * b[3 + col]
                                + a[3 * row + 2] * b[6 + col];
            }
        }
        return c;
    }

    /** Classifies every voxel (HU and packed tissue / compartment / depth code). */
    private static void rasterise(
            HeadModel head, VolumeGeometry g, double[] r, Vec3 centre, float[] hu, byte[] codes) {
        int nx = g.nx();
        int ny = g.ny();
        double sx = g.spacing().x();
        double sy = g.spacing().y();
        double sz = g.spacing().z();
        Vec3 o = g.origin();
        // Head coordinates q = Rᵀ (p − centre); along a row only p.x changes.
        double dxX = r[0] * sx;
        double dxY = r[1] * sx;
        double dxZ = r[2] * sx;
        double deep = sx; // one pixel below the brain surface
        // A thick slice averages the anatomy across its thickness (partial volume): two extra
        // samples
        // at ±thickness/3 along the patient's z axis; the centre sample alone decides the tissue
        // label.
        boolean thick = sz >= THICK_SLICE_MM;
        double dzX = r[6] * sz / 3;
        double dzY = r[7] * sz / 3;
        double dzZ = r[8] * sz / 3;
        for (int k = 0; k < g.nz(); k++) {
            double pz = o.z() + k * sz - centre.z();
            for (int j = 0; j < ny; j++) {
                double py = o.y() + j * sy - centre.y();
                double px = o.x() - centre.x();
                double x0 = r[0] * px + r[3] * py + r[6] * pz;
                double y0 = r[1] * px + r[4] * py + r[7] * pz;
                double z0 = r[2] * px + r[5] * py + r[8] * pz;
                int row = nx * (j + ny * k);
                for (int i = 0; i < nx; i++) {
                    double x = x0 + i * dxX;
                    double y = y0 + i * dxY;
                    double z = z0 + i * dxZ;
                    HeadModel.Point point = head.evaluate(x, y, z);
                    float value = point.hu();
                    int code =
                            point.tissue()
                                    | (point.compartment() << HaematomaGrower.COMPARTMENT_SHIFT);
                    if (point.brainDepth() >= deep) {
                        code |= HaematomaGrower.DEEP_FLAG;
                    }
                    codes[row + i] = (byte) code;
                    if (thick && !point.farOutside()) {
                        // Weights 1/4, 1/2, 1/4: a triangular slice profile, as a CT slice has.
                        value =
                                0.5f * value
                                        + 0.25f
                                                * (head.evaluate(x - dzX, y - dzY, z - dzZ).hu()
                                                        + head.evaluate(x + dzX, y + dzY, z + dzZ)
                                                                .hu());
                    }
                    hu[row + i] = value;
                }
            }
        }
    }

    /** Draws a centre voxel for a haematoma of the given location class (flat index). */
    private static int placeCentre(
            HeadModel head,
            Location location,
            double volumeMl,
            VolumeGeometry g,
            Affine headToPatient,
            HaematomaGrower grower,
            Rng rng) {
        double s = head.brainScale;
        double radius = StrictMath.cbrt(3 * volumeMl * 1000 / (4 * Math.PI));
        Affine toVoxel = g.patientToVoxel();
        for (int attempt = 0; attempt < MAX_PLACEMENT_TRIES; attempt++) {
            double x;
            double y;
            double z;
            double side = rng.nextDouble() < 0.5 ? -1 : 1;
            switch (location) {
                case DEEP:
                    {
                        double pick = rng.nextDouble();
                        double[] e =
                                pick < 0.55
                                        ? head.nuclei[1]
                                        : pick < 0.9 ? head.nuclei[2] : head.nuclei[0];
                        x = side * (e[0] + rng.uniform(-0.4, 0.4) * e[3]);
                        y = e[1] + rng.uniform(-0.4, 0.4) * e[4];
                        z = e[2] + rng.uniform(-0.4, 0.4) * e[5];
                        break;
                    }
                case INFRATENTORIAL:
                    {
                        double[] pf = head.posteriorFossa();
                        if (volumeMl < 15 && rng.nextDouble() < 0.2) {
                            x = rng.uniform(-3, 3);
                            y = head.brainstemY + rng.uniform(-2, 2);
                            z = rng.uniform(-38, -22); // the pons
                        } else {
                            x = side * rng.uniform(0.3, 0.55) * pf[3];
                            y = pf[1] + rng.uniform(-0.15, 0.25) * pf[4];
                            z = pf[2] + rng.uniform(-0.1, 0.35) * pf[5];
                        }
                        break;
                    }
                default:
                    {
                        x = rng.uniform(-0.9, 0.9) * head.halfWidth;
                        y = rng.uniform(-0.9, 0.9) * head.halfLength;
                        z = rng.uniform(-35, 0.75 * head.heightUp);
                        HeadModel.Point point = head.evaluate(x, y, z);
                        int tissue = point.tissue();
                        double depth = point.brainDepth();
                        boolean lobarTissue =
                                tissue == Tissue.GREY_MATTER.ordinal()
                                        || tissue == Tissue.WHITE_MATTER.ordinal();
                        if (!lobarTissue
                                || depth < 4 + 0.4 * radius
                                || depth > 12 + 0.8 * radius
                                || nearNuclei(head, x, y, z, 18 * s)) {
                            continue;
                        }
                        break;
                    }
            }
            Vec3 v = toVoxel.apply(headToPatient.apply(x, y, z));
            int i = (int) Math.round(v.x());
            int j = (int) Math.round(v.y());
            int k = (int) Math.round(v.z());
            if (!g.contains(i, j, k)) {
                continue;
            }
            int index = g.index(i, j, k);
            int wanted =
                    location == Location.INFRATENTORIAL
                            ? HeadModel.INFRATENTORIAL
                            : x > 0
                                    ? HeadModel.SUPRATENTORIAL_LEFT
                                    : HeadModel.SUPRATENTORIAL_RIGHT;
            if (grower.allowed(index, wanted)) {
                return index;
            }
        }
        throw new IllegalStateException(
                "no place for a "
                        + location
                        + " haematoma of "
                        + volumeMl
                        + " ml was found in "
                        + MAX_PLACEMENT_TRIES
                        + " tries");
    }

    private static boolean nearNuclei(
            HeadModel head, double x, double y, double z, double distance) {
        for (double[] e : head.nuclei) {
            double dx = Math.abs(x) - e[0];
            double dy = y - e[1];
            double dz = z - e[2];
            double reach = distance + Math.max(e[3], Math.max(e[4], e[5]));
            if (dx * dx + dy * dy + dz * dz < reach * reach) {
                return true;
            }
        }
        return false;
    }

    /** Blood (heterogeneous, 50–90 HU) inside the masks and a hypodense oedema rim around them. */
    private static void paintHaematomas(
            float[] hu,
            VolumeGeometry g,
            int[] centres,
            List<int[]> voxelLists,
            List<int[]> rimLists,
            double[] densities,
            BitSet taken,
            BitSet rim,
            Rng rng) {
        int nx = g.nx();
        int ny = g.ny();
        double sx = g.spacing().x();
        double sy = g.spacing().y();
        double sz = g.spacing().z();
        for (int h = 0; h < voxelLists.size(); h++) {
            double oedemaHu = rng.uniform(15, 23);
            for (int v : rimLists.get(h)) {
                if (!taken.get(v)) {
                    rim.set(v);
                    hu[v] = (float) (oedemaHu + 0.3 * (hu[v] - oedemaHu));
                }
            }
        }
        for (int h = 0; h < voxelLists.size(); h++) {
            ValueNoise clot = new ValueNoise(rng, 260, 4);
            double amplitude = rng.uniform(5, 9);
            double density = densities[h];
            int ci = centres[h] % nx;
            int cj = (centres[h] / nx) % ny;
            int ck = centres[h] / (nx * ny);
            for (int v : voxelLists.get(h)) {
                int i = v % nx;
                int j = (v / nx) % ny;
                int k = v / (nx * ny);
                hu[v] =
                        (float)
                                (density
                                        + amplitude
                                                * clot.at(
                                                        (i - ci) * sx,
                                                        (j - cj) * sy,
                                                        (k - ck) * sz));
            }
        }
    }

    /**
     * Adds correlated Gaussian noise: white noise smoothed by [1, 2, 1]/4 along rows and columns
     * (CT noise is not white), rescaled to the requested standard deviation.
     */
    private static void addNoise(float[] hu, int nx, int ny, int nz, double sigma, Rng rng) {
        int plane = nx * ny;
        float[] white = new float[plane];
        float[] rows = new float[plane];
        float gain = (float) sigma * NOISE_FILTER_GAIN;
        for (int k = 0; k < nz; k++) {
            rng.fillGaussian(white, 0, plane);
            for (int j = 0; j < ny; j++) {
                int row = j * nx;
                for (int i = 0; i < nx; i++) {
                    float left = white[row + Math.max(i - 1, 0)];
                    float right = white[row + Math.min(i + 1, nx - 1)];
                    rows[row + i] = 0.25f * (left + right) + 0.5f * white[row + i];
                }
            }
            int base = k * plane;
            for (int j = 0; j < ny; j++) {
                int up = Math.max(j - 1, 0) * nx;
                int row = j * nx;
                int down = Math.min(j + 1, ny - 1) * nx;
                for (int i = 0; i < nx; i++) {
                    float noise = 0.25f * (rows[up + i] + rows[down + i]) + 0.5f * rows[row + i];
                    hu[base + row + i] = Math.max(MIN_HU, hu[base + row + i] + gain * noise);
                }
            }
        }
    }
}
