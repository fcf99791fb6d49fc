package dev.ich.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ich.core.error.IchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutations (truncations, flipped bytes, huge lengths, random bytes) of valid corpus files
 * in every transfer syntax: reading them either succeeds or throws {@link IchException}; nothing
 * else escapes, nothing runs out of memory, nothing hangs.
 */
class MutationTest {

    static final long SEED = 20231118L;
    static final int MUTATIONS_PER_FILE = 160;

    /** Bound on one read of a tiny mutated file; a hang or a runaway loop exceeds it by far. */
    static final Duration PER_FILE = Duration.ofSeconds(2);

    static final Duration TOTAL = Duration.ofSeconds(60);

    static final String[] FILES = {
        "explicit_le_signed/slice000.dcm", "implicit_le/slice001.dcm", "explicit_be/slice002.dcm",
        "deflated/slice000.dcm", "rle/slice000.dcm", "jpeg_lossless_sv1/slice000.dcm",
        "jpeg_lossless_p14/slice003.dcm", "jpeg_extended/slice000.dcm",
                "jpeg_baseline/slice000.dcm",
        "jpeg2000_lossless/slice000.dcm", "enhanced_ct/enhanced.dcm",
                "sequences_private/slice000.dcm",
        "raw_implicit/slice000.dcm",
    };

    /**
     * jai-imageio's JPEG 2000 decoder can spin on damaged packets; the watchdog must stop it
     * quickly.
     */
    @org.junit.jupiter.api.BeforeAll
    static void shortCodecBudget() {
        System.setProperty("ich.dicom.codecTimeoutMillis", "400");
    }

    @org.junit.jupiter.api.AfterAll
    static void defaultCodecBudget() {
        System.clearProperty("ich.dicom.codecTimeoutMillis");
    }

    @Test
    void onlyIchExceptionEscapes(@TempDir Path tmp) {
        List<String> escaped = new ArrayList<>();
        int[] outcomes = new int[2];
        assertTimeoutPreemptively(
                TOTAL,
                () -> {
                    SplittableRandom rnd = new SplittableRandom(SEED);
                    for (String name : FILES) {
                        byte[] original = Files.readAllBytes(Reference.CORPUS.resolve(name));
                        for (int m = 0; m < MUTATIONS_PER_FILE; m++) {
                            byte[] mutated = mutate(original, rnd);
                            Path f = tmp.resolve("m.dcm");
                            Files.write(f, mutated);
                            long t0 = System.nanoTime();
                            try {
                                DicomStudyReader.create().read(f);
                                outcomes[0]++;
                            } catch (IchException e) {
                                outcomes[1]++;
                                assertThat(e.getMessage()).contains("m.dcm");
                            } catch (Throwable t) {
                                escaped.add(name + " mutation " + m + ": " + t);
                            }
                            Duration took = Duration.ofNanos(System.nanoTime() - t0);
                            if (took.compareTo(PER_FILE) > 0) {
                                escaped.add(name + " mutation " + m + " took " + took);
                            }
                        }
                    }
                });
        assertThat(escaped).isEmpty();
        // The mutations must actually exercise the error paths (and leave some files readable).
        assertThat(outcomes[1]).isGreaterThan(FILES.length * MUTATIONS_PER_FILE / 3);
    }

    static byte[] mutate(byte[] in, SplittableRandom rnd) {
        byte[] b = in.clone();
        switch (rnd.nextInt(5)) {
            case 0:
                return java.util.Arrays.copyOf(b, rnd.nextInt(b.length));
            case 1:
                for (int i = 1 + rnd.nextInt(4); i > 0; i--) {
                    b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                }
                return b;
            case 2:
                {
                    // A huge or odd length at a random place, most likely over some length field.
                    int p = rnd.nextInt(b.length - 4);
                    int v =
                            new int[] {0xFFFFFFFF, 0x7FFFFFF0, 0xFFFFFFF0, 0x00FFFFFF, 0x0001_0001}
                                    [rnd.nextInt(5)];
                    b[p] = (byte) v;
                    b[p + 1] = (byte) (v >>> 8);
                    b[p + 2] = (byte) (v >>> 16);
                    b[p + 3] = (byte) (v >>> 24);
                    return b;
                }
            case 3:
                for (int i = 1 + rnd.nextInt(16); i > 0; i--) {
                    b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                }
                return b;
            default:
                {
                    // Length fields sit in the header: hit the first few hundred bytes harder.
                    int p = 128 + rnd.nextInt(Math.min(600, b.length - 132));
                    b[p] = (byte) rnd.nextInt(256);
                    b[p + 1] = (byte) rnd.nextInt(256);
                    return b;
                }
        }
    }
}
