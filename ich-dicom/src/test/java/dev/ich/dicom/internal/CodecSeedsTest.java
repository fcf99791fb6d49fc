package dev.ich.dicom.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code seed-*} input of the codec fuzz targets decodes without error, so that fuzzing
 * starts from streams that reach the whole decoder, not from ones refused at the header.
 */
class CodecSeedsTest {

    private static final Path INPUTS = Path.of("src/test/resources/dev/ich/dicom/internal");

    static Stream<Arguments> seeds() throws IOException {
        Stream.Builder<Arguments> all = Stream.builder();
        addSeeds(all, "RleFuzzTest", RleFuzzTest::decode);
        addSeeds(all, "JpegLosslessFuzzTest", JpegLosslessFuzzTest::decode);
        addSeeds(all, "JpegDctFuzzTest", JpegDctFuzzTest::decode);
        addSeeds(all, "Jpeg2000FuzzTest", Jpeg2000FuzzTest::decode);
        return all.build();
    }

    private static void addSeeds(
            Stream.Builder<Arguments> all, String target, CodecInput.Decoder decoder)
            throws IOException {
        List<Path> seeds;
        try (Stream<Path> files = Files.list(INPUTS.resolve(target + "Inputs/decode"))) {
            seeds =
                    files.filter(f -> f.getFileName().toString().startsWith("seed-"))
                            .sorted()
                            .toList();
        }
        assertThat(seeds).as(target + " seeds").isNotEmpty();
        for (Path seed : seeds) {
            all.add(Arguments.of(target + "/" + seed.getFileName(), seed, decoder));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void decodes(String name, Path seed, CodecInput.Decoder decoder) throws Exception {
        CodecInput in = CodecInput.of(Files.readAllBytes(seed));
        assertThat(in).isNotNull();
        decoder.decode(in);
    }
}
