package dev.ich.phantom;

/**
 * The analytic anatomy of one synthetic head, in head coordinates: millimetres, {@code x} to the
 * patient's left, {@code y} posterior, {@code z} superior (LPS before the head is posed), origin at
 * the level of the third ventricle in the middle of the brain.
 *
 * <p>Every parameter is drawn once from the anatomy stream in the constructor; {@link #evaluate}
 * then classifies one point and returns its noiseless HU with its tissue, compartment and depth as
 * a {@link Point}. The model is immutable, so one head can be evaluated from several threads.
 * Layers are found by the radial depth below the skin of a perturbed ellipsoid, so each layer's
 * thickness holds in millimetres whatever the head size. See {@code docs/phantoms.md} for every
 * parameter and range.
 */
final class HeadModel {

    /** Compartment codes packed beside the tissue code (see {@link #evaluate}). */
    static final int NONE = 0;

    /** Supratentorial, patient's left hemisphere (head x > 0). */
    static final int SUPRATENTORIAL_LEFT = 1;

    /**
     * Supratentorial, patient's right hemisphere: a lobar or deep bleed stays in its hemisphere.
     */
    static final int SUPRATENTORIAL_RIGHT = 2;

    static final int INFRATENTORIAL = 3;

    // Outer head surface: an ellipsoid (half width, half length; its own height above and below the
    // origin) whose radius is scaled by 1 + a sum of low-order terms of the direction (nx, ny, nz).
    final double halfWidth;
    final double halfLength;
    final double heightUp;
    private final double heightDown;

    /** Weight of ny: a longer forehead or occiput. */
    private final double frontBackBulge;

    /** Weight of nx·ny: one frontal and the opposite occipital quadrant wider (plagiocephaly). */
    private final double diagonalSkew;

    /** Weight of nx² − ny²: a rounder or a longer head. */
    private final double roundness;

    /** Weight of ny·nz: the top sloping towards the front or the back. */
    private final double verticalSlope;

    /** Weight of nx: one side fuller. */
    private final double sideAsymmetry;

    /** Weight of ny³: a pointed forehead or occiput. */
    private final double frontBackPoint;

    final double scalpMm;
    final double skullMm;
    final double csfRimMm;
    final double atrophy;
    private final double ventricleScale;
    private final double sulcusWidth;
    private final double cortexMm;
    private final double fissureMm;
    final double brainScale;

    // Posterior fossa ellipsoid (centre on the midline) and brainstem.
    private final double fossaCentreY;
    private final double fossaCentreZ;
    private final double fossaHalfWidth;
    private final double fossaHalfLength;
    private final double fossaHalfHeight;
    final double brainstemY;
    private final double brainstemR;

    // Ellipsoids: {cx, cy, cz, ax, ay, az} per row, both sides already mirrored.
    private final double[][] ventricles;
    final double[][] nuclei; // rows: caudate, lentiform nucleus, thalamus (x mirrored)
    private final double[][] sinuses;
    private final double plateMm;

    // HU of the tissues.
    final double airHu = -1000;
    final double softHu;
    final double fatHu;
    final double tableHu;
    final double diploeHu;
    final double skullBaseHu;
    final double csfHu;
    final double whiteHu;
    final double greyHu;
    final double deepGreyHu;
    final double textureHu;

    private final ValueNoise texture;
    private final ValueNoise sulci;
    private final ValueNoise skullField;
    private final ValueNoise folia;
    private final ValueNoise airCells;

    /**
     * What {@link #evaluate} finds at a point.
     *
     * @param hu the noiseless HU
     * @param tissue the {@link Tissue} ordinal
     * @param compartment the brain compartment ({@link #NONE} outside the brain)
     * @param brainDepth the depth below the brain's surface in mm, -1 outside the brain
     * @param farOutside whether the point is far outside the head (no tissue within several
     *     centimetres)
     */
    record Point(float hu, int tissue, int compartment, double brainDepth, boolean farOutside) {}

    HeadModel(Rng rng) {
        halfWidth = rng.uniform(67, 79);
        halfLength = rng.uniform(86, 98);
        heightUp = rng.uniform(82, 96);
        heightDown = rng.uniform(150, 190);
        frontBackBulge = rng.uniform(-0.04, 0.04);
        diagonalSkew = rng.uniform(-0.03, 0.03);
        roundness = rng.uniform(-0.03, 0.03);
        verticalSlope = rng.uniform(-0.04, 0.04);
        sideAsymmetry = rng.uniform(-0.015, 0.015);
        frontBackPoint = rng.uniform(-0.03, 0.03);
        scalpMm = rng.uniform(3.5, 6.5);
        skullMm = rng.uniform(5, 8);
        atrophy = rng.nextDouble();
        csfRimMm = 1.0 + 2.0 * atrophy;
        ventricleScale = 0.75 + 0.6 * atrophy;
        sulcusWidth = 0.05 + 0.09 * atrophy;
        cortexMm = rng.uniform(2.5, 3.5);
        fissureMm = 0.8 + 1.2 * atrophy;
        brainScale = halfLength / 92;

        fossaCentreY = 0.5 * halfLength;
        fossaCentreZ = -42;
        fossaHalfWidth = 0.7 * halfWidth;
        fossaHalfLength = 0.5 * halfLength;
        fossaHalfHeight = 34;
        brainstemY = 0.12 * halfLength;
        brainstemR = 12 * brainScale;

        double s = brainScale;
        double v = ventricleScale;
        ventricles =
                new double[][] {
                    {(5 + 3 * v) * s, 0, 14 * s, 5 * v * s, 26 * s, 5 * v * s}, // body
                    {(7 + 3 * v) * s, -22 * s, 8 * s, 6 * v * s, 11 * s, 7 * v * s}, // frontal horn
                    {
                        16 * s, 23 * s, 6 * s, 6 * v * s, 13 * s, 7 * v * s
                    }, // atrium / occipital horn
                    {28 * s, -4 * s, -18 * s, 2.5 * v * s, 12 * s, 3 * v * s}, // temporal horn
                    {0, -2 * s, -4 * s, 1.2 * v * s, 11 * s, 7 * s}, // third ventricle
                    {0, brainstemY + brainstemR + 5, -30, 6 * v, 4 * v, 9}, // fourth ventricle
                };
        nuclei =
                new double[][] {
                    {(12 + 3 * v) * s, -16 * s, 8 * s, 5 * s, 8 * s, 8 * s}, // caudate head
                    {24 * s, -4 * s, -2 * s, 6 * s, 15 * s, 9 * s}, // lentiform nucleus (putamen)
                    {10 * s, 10 * s, 0, 7 * s, 11 * s, 8 * s}, // thalamus
                };

        sinuses =
                new double[][] {
                    {0, -0.62 * halfLength, -38, 12 * s, 0.25 * halfLength, 14}, // ethmoid cells
                    {0, -0.22 * halfLength, -40, 11 * s, 10 * s, 10}, // sphenoid sinus
                    {
                        0.3 * halfWidth, -0.62 * halfLength, -62, 14 * s, 18 * s, 16
                    }, // maxillary sinuses
                };
        plateMm = rng.uniform(2, 4);
        softHu = rng.uniform(30, 45);
        fatHu = rng.uniform(-100, -75);
        tableHu = rng.uniform(1000, 1500);
        diploeHu = rng.uniform(650, 850);
        skullBaseHu = rng.uniform(800, 1200);
        csfHu = rng.uniform(2, 12);
        whiteHu = rng.uniform(24, 31);
        greyHu = whiteHu + rng.uniform(8, 12);
        deepGreyHu = greyHu - rng.uniform(1, 3);
        textureHu = rng.uniform(1.5, 3.5);

        texture = new ValueNoise(rng, 280, 9);
        sulci = new ValueNoise(rng, 280, 7.5);
        skullField = new ValueNoise(rng, 280, 30);
        folia = new ValueNoise(rng, 280, 3.5);
        airCells = new ValueNoise(rng, 280, 5);
    }

    /** Lowest point of the cranial cavity's floor at (x, y) outside the posterior fossa. */
    private double floor(double x, double y) {
        double front = smoothstep((y + 0.48 * halfLength) / 22);
        double lateral = smoothstep((Math.abs(x) - 8 * brainScale) / 18);
        // Each middle fossa is a bowl under the temporal lobe: slices cut its floor along a curve,
        // not across a flat plate (which a slightly tilted slice would show as a wide white band).
        double bx = Math.abs(x) - 0.55 * halfWidth;
        double by = Math.min(0, y + 0.05 * halfLength); // behind the bowl: the tentorium and
        // posterior fossa take over
        double bowl = Math.min(-22, -46 + 0.015 * (bx * bx + by * by));
        double middle = -22 * (1 - lateral) + bowl * lateral;
        // The orbital roofs slope down towards the face.
        double anterior = -14 + 0.25 * (y + 0.48 * halfLength);
        return anterior * (1 - front) + middle * front;
    }

    private double tentorium(double x, double y) {
        double back = Math.max(0, y - 0.2 * halfLength);
        return -9 - 0.005 * x * x - 0.004 * back * back;
    }

    /**
     * Classifies the point: its noiseless HU, tissue, compartment and depth below the brain
     * surface.
     */
    Point evaluate(double x, double y, double z) {
        double c = z > 0 ? heightUp : heightDown;
        double ex = x / halfWidth;
        double ey = y / halfLength;
        double ez = z / c;
        double rho2 = ex * ex + ey * ey + ez * ez;
        if (rho2 > 1.3) {
            return new Point((float) airHu, Tissue.AIR.ordinal(), NONE, -1, true);
        }
        double rho = Math.sqrt(rho2);
        double depth;
        double nx;
        double ny;
        if (rho < 1e-9) {
            depth = 1e9;
            nx = 0;
            ny = 0;
        } else {
            nx = ex / rho;
            ny = ey / rho;
            double nz = ez / rho;
            double f =
                    1
                            + frontBackBulge * ny
                            + diagonalSkew * nx * ny
                            + roundness * (nx * nx - ny * ny)
                            + verticalSlope * ny * nz
                            + sideAsymmetry * nx
                            + frontBackPoint * ny * ny * ny;
            double r = Math.sqrt(x * x + y * y + z * z);
            depth = r * (f / rho - 1);
        }
        if (depth < 0) {
            return tissue(Tissue.AIR, airHu);
        }
        if (z < -16 && y < -0.5 * halfLength && inOrbit(x, y, z)) {
            return orbit(x, y, z);
        }
        if (depth < scalpMm) {
            double f = depth / scalpMm;
            return f > 0.3 && f < 0.65
                    ? tissue(Tissue.FAT, fatHu)
                    : tissue(Tissue.SOFT_TISSUE, softHu);
        }
        double nx2 = nx * nx;
        double inner;
        if (depth < scalpMm + 1.25 * skullMm) {
            // The skull's thickness field is only needed near the skull.
            double thickness =
                    skullMm * (1 - 0.45 * nx2 * nx2) * (1 + 0.25 * skullField.at(x, y, z));
            inner = scalpMm + thickness;
            if (depth < inner) {
                double f = (depth - scalpMm) / thickness;
                return tissue(Tissue.BONE, f > 0.3 && f < 0.7 ? diploeHu : tableHu);
            }
        } else {
            inner = scalpMm + skullMm * (1 - 0.45 * nx2 * nx2);
        }
        // Inside the skull vault: brainstem, posterior fossa, skull base, or the cerebrum.
        double brainDepth = depth - inner - csfRimMm;
        double bsR = z > -12 ? brainstemR * 0.85 : brainstemR;
        double cistern = z > -12 ? 1.2 : 2.5;
        double bsDx = x;
        double bsDy = y - brainstemY + 0.15 * (z + 20);
        double bsDist = Math.sqrt(bsDx * bsDx + bsDy * bsDy);
        if (z < -5 && bsDist < bsR + cistern) {
            if (bsDist < bsR) {
                return brain(
                        Tissue.BRAINSTEM,
                        INFRATENTORIAL,
                        Math.min(brainDepth, bsR - bsDist),
                        x,
                        y,
                        z,
                        whiteHu + 4);
            }
            return tissue(Tissue.CSF, csfHu); // the cisterns around the brainstem
        }
        double px = x / fossaHalfWidth;
        double py = (y - fossaCentreY) / fossaHalfLength;
        double pz = (z - fossaCentreZ) / fossaHalfHeight;
        double pf2 = px * px + py * py + pz * pz;
        double tent = tentorium(x, y);
        if (pf2 < 1 && z < tent) {
            return posteriorFossa(
                    x, y, z, brainDepth, (1 - Math.sqrt(pf2)) * fossaHalfLength, tent - z);
        }
        double floor = floor(x, y);
        if (z < floor) {
            return skullBase(x, y, z, floor);
        }
        if (brainDepth < 0 || z - floor < csfRimMm) {
            return tissue(Tissue.CSF, csfHu);
        }
        brainDepth = Math.min(brainDepth, z - floor - csfRimMm);
        return cerebrum(x, y, z, brainDepth);
    }

    private Point posteriorFossa(
            double x, double y, double z, double brainDepth, double wallDepth, double tentDepth) {
        // The fossa's wall is bone (lined by CSF) below the floor of the middle fossa and the
        // tentorium (a thin dense dural sheet against the temporal and occipital lobes) above it.
        boolean boneWall = z < floor(x, y);
        double d = Math.min(brainDepth, boneWall ? wallDepth - csfRimMm : wallDepth);
        if (d < 0) {
            return tissue(Tissue.CSF, csfHu);
        }
        double dura = Math.min(tentDepth, boneWall ? 1e9 : wallDepth);
        if (dura < 0.6) {
            return tissue(Tissue.CSF, csfHu + 40);
        }
        d = Math.min(d, dura);
        if (inside(ventricles[5], x, y, z)) {
            return tissue(Tissue.VENTRICLE, csfHu);
        }
        // Cisterna magna behind the vermis, and the midline vallecula.
        double cmx = x / (9 * brainScale);
        double cmy = (y - fossaCentreY - 0.75 * fossaHalfLength) / 7;
        double cmz = (z - fossaCentreZ + 12) / 10;
        if (cmx * cmx + cmy * cmy + cmz * cmz < 1) {
            return tissue(Tissue.CSF, csfHu);
        }
        // Folia: thin CSF clefts in the outer cerebellar cortex.
        double g = folia.at(x, y, z);
        if (d < 10 && Math.abs(g) < 0.05 * (1 - d / 10) + 0.02 * atrophy) {
            return tissue(Tissue.CSF, csfHu);
        }
        double hu = d < 4 || Math.abs(g) < 0.2 ? greyHu - 2 : (greyHu + whiteHu) / 2;
        return brain(Tissue.CEREBELLUM, INFRATENTORIAL, d, x, y, z, hu);
    }

    private Point cerebrum(double x, double y, double z, double brainDepth) {
        double ax = Math.abs(x);
        // Interhemispheric fissure with the falx, except where the corpus callosum and the deep
        // structures join the hemispheres.
        if (ax < fissureMm && (z > 18 * brainScale || Math.abs(y + 2) > 34 * brainScale)) {
            return tissue(Tissue.CSF, ax < 0.5 ? csfHu + 35 : csfHu);
        }
        if (ax < 45 * brainScale
                && Math.abs(y) < 50 * brainScale
                && z < 30 * brainScale
                && z > -35 * brainScale) {
            for (int n = 0; n < 5; n++) {
                if (inside(ventricles[n], ax, y, z)) {
                    return tissue(Tissue.VENTRICLE, csfHu);
                }
            }
            for (double[] nucleus : nuclei) {
                if (inside(nucleus, ax, y, z)) {
                    return brain(
                            Tissue.DEEP_GREY_MATTER,
                            x > 0 ? SUPRATENTORIAL_LEFT : SUPRATENTORIAL_RIGHT,
                            brainDepth,
                            x,
                            y,
                            z,
                            deepGreyHu);
                }
            }
        }
        if (brainDepth < 18) {
            double g = sulci.at(x, y, z);
            double width = sulcusWidth * (1 - brainDepth / 18);
            double ag = Math.abs(g);
            if (ag < width) {
                // Sulci belong to the compartment a bleed can fill.
                int compartment = x > 0 ? SUPRATENTORIAL_LEFT : SUPRATENTORIAL_RIGHT;
                return new Point(
                        (float) csfHu, Tissue.CSF.ordinal(), compartment, brainDepth, false);
            }
            if (brainDepth < cortexMm || ag < width + 0.22 * (1 - brainDepth / 18)) {
                return brain(
                        Tissue.GREY_MATTER,
                        x > 0 ? SUPRATENTORIAL_LEFT : SUPRATENTORIAL_RIGHT,
                        brainDepth,
                        x,
                        y,
                        z,
                        greyHu);
            }
        }
        return brain(
                Tissue.WHITE_MATTER,
                x > 0 ? SUPRATENTORIAL_LEFT : SUPRATENTORIAL_RIGHT,
                brainDepth,
                x,
                y,
                z,
                whiteHu);
    }

    private Point skullBase(double x, double y, double z, double floor) {
        double ax = Math.abs(x);
        double g = airCells.at(x, y, z);
        if (y > -0.12 * halfLength) {
            // Petrous ridges (oblique), clivus (midline) and mastoid air cells; muscle elsewhere.
            if (ax > 0.5 * halfWidth && y > 0 && y < 0.4 * halfLength && z < -28 && g > 0.2) {
                return tissue(Tissue.AIR, airHu);
            }
            double ridge = y - (-0.08 * halfLength + 0.45 * ax);
            if (Math.abs(ridge) < 5 || ax < 7 || floor - z < plateMm) {
                return tissue(Tissue.BONE, skullBaseHu + 150 * g);
            }
            return tissue(Tissue.SOFT_TISSUE, softHu + 10 * g);
        }
        // Anterior: the floor of the cranial fossae is a plate of bone over the sinuses and the
        // face.
        if (floor - z < plateMm) {
            return tissue(Tissue.BONE, skullBaseHu);
        }
        if (inside(sinuses[0], ax, y, z)
                || inside(sinuses[1], ax, y, z)
                || inside(sinuses[2], ax, y, z)) {
            // Ethmoid, sphenoid and maxillary sinuses: air with thin bony septa.
            return Math.abs(g) > 0.06
                    ? tissue(Tissue.AIR, airHu)
                    : tissue(Tissue.BONE, skullBaseHu);
        }
        return tissue(Tissue.SOFT_TISSUE, softHu + 10 * g);
    }

    /** True inside either orbit. */
    private boolean inOrbit(double x, double y, double z) {
        double oz = (z + 36) / 15;
        double ox = (Math.abs(x) - orbitCentreX()) / 15;
        double oy = (y - orbitCentreY()) / 20;
        return ox * ox + oy * oy + oz * oz < 1;
    }

    private double orbitCentreX() {
        return 0.42 * halfWidth;
    }

    private double orbitCentreY() {
        return -0.80 * halfLength;
    }

    /** A point in an orbit: the globe (soft tissue) in orbital fat. */
    private Point orbit(double x, double y, double z) {
        double ax = Math.abs(x);
        double cx = orbitCentreX();
        double cy = orbitCentreY();
        double gx = ax - cx;
        double gy = y - (cy - 6);
        double gz = z + 36;
        if (gx * gx + gy * gy + gz * gz < 11.5 * 11.5) {
            return tissue(Tissue.SOFT_TISSUE, 12);
        }
        return tissue(Tissue.FAT, fatHu);
    }

    private Point brain(
            Tissue tissue, int compartment, double depth, double x, double y, double z, double hu) {
        return new Point(
                (float) (hu + textureHu * texture.at(x, y, z)),
                tissue.ordinal(),
                compartment,
                depth,
                false);
    }

    private static Point tissue(Tissue tissue, double hu) {
        return new Point((float) hu, tissue.ordinal(), NONE, -1, false);
    }

    /** True when the point lies in the ellipsoid {cx, cy, cz, ax, ay, az}. */
    static boolean inside(double[] e, double x, double y, double z) {
        double dx = (x - e[0]) / e[3];
        double dy = (y - e[1]) / e[4];
        double dz = (z - e[2]) / e[5];
        return dx * dx + dy * dy + dz * dz < 1;
    }

    private static double smoothstep(double t) {
        if (t <= 0) {
            return 0;
        }
        if (t >= 1) {
            return 1;
        }
        return t * t * (3 - 2 * t);
    }

    /** Posterior fossa centre and semi-axes, for placing infratentorial bleeds. */
    double[] posteriorFossa() {
        return new double[] {
            0, fossaCentreY, fossaCentreZ, fossaHalfWidth, fossaHalfLength, fossaHalfHeight
        };
    }
}
