package dev.ich.spark.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ich.batch.PhantomArchive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application jar as a cluster uses it: it holds ich, DJL's PyTorch bridge and libtorch's CPU
 * natives and nothing a Spark cluster provides; and {@code AnalyzeArchive} runs from it alone, on a
 * class path of Spark's jars and nothing of ich, with an empty DJL cache, so libtorch can only come
 * out of the jar.
 */
class SparkAssemblyIT {

    private static final Path JAR = Path.of(System.getProperty("ich.assembly.jar"));

    @TempDir Path work;

    @Test
    void holdsIchAndTheNativesAndNothingTheClusterProvides() throws IOException {
        try (ZipFile jar = new ZipFile(JAR.toFile())) {
            Set<String> names = jar.stream().map(ZipEntry::getName).collect(Collectors.toSet());
            assertThat(names)
                    .contains(
                            "dev/ich/spark/AnalyzeArchive.class",
                            "dev/ich/model/IchModel.class",
                            "ai/djl/pytorch/engine/PtEngine.class",
                            "jnilib/linux-x86_64/cpu/libdjl_torch.so",
                            "pytorch/cpu/linux-x86_64/libtorch_cpu.so",
                            "native/lib/pytorch.properties");
            assertThat(names)
                    .noneMatch(
                            n ->
                                    Stream.of(
                                                    "org/apache/spark/",
                                                    "org/apache/hadoop/",
                                                    "org/apache/parquet/",
                                                    "org/slf4j/",
                                                    "scala/")
                                            .anyMatch(n::startsWith));
            String engines =
                    new String(
                            jar.getInputStream(
                                            jar.getEntry(
                                                    "META-INF/services/ai.djl.engine.EngineProvider"))
                                    .readAllBytes(),
                            StandardCharsets.UTF_8);
            assertThat(engines).contains("ai.djl.pytorch.engine.PtEngineProvider");
        }
    }

    /** The jars of the class-path files Maven wrote, joined. */
    private static String clusterClassPath() throws IOException {
        List<String> parts = new ArrayList<>();
        for (String file : System.getProperty("ich.cluster.classpath").split(",")) {
            parts.add(Files.readString(Path.of(file)).trim());
        }
        return String.join(java.io.File.pathSeparator, parts);
    }

    @Test
    void analysesAnArchiveOnSparkFromTheJarAlone() throws Exception {
        Path archive = work.resolve("archive");
        PhantomArchive.write(archive, 4);
        Path model = work.resolve("model");
        PhantomArchive.trainModel(model);
        Path manifest = PhantomArchive.manifest(archive, work.resolve("manifest.csv"));
        Path cache = Files.createDirectories(work.resolve("djl-cache"));
        Path out = work.resolve("results.parquet");

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(
                Arrays.asList(System.getProperty("ich.spark.jvm.args").trim().split("\\s+")));
        command.addAll(
                List.of(
                        "-Dspark.master=local[2]",
                        "-Dspark.ui.enabled=false",
                        "-cp",
                        JAR + java.io.File.pathSeparator + clusterClassPath(),
                        "dev.ich.spark.AnalyzeArchive",
                        "--manifest",
                        manifest.toString(),
                        "--model",
                        model.toString(),
                        "--out",
                        out.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DJL_CACHE_DIR", cache.toString());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Path log = work.resolve("spark-submit.log");
        builder.redirectOutput(log.toFile());
        Process process = builder.start();
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("the job ends").isTrue();
        String output = Files.readString(log);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output)
                .contains(
                        (4 + PhantomArchive.BROKEN.size())
                                + " studies, "
                                + PhantomArchive.BROKEN.size()
                                + " failed; wrote "
                                + out);
        assertThat(out.resolve("_SUCCESS")).exists();
        try (Stream<Path> unpacked = Files.walk(cache)) {
            assertThat(unpacked.map(p -> p.getFileName().toString()))
                    .as("libtorch unpacked from the assembly into the empty cache")
                    .contains("libtorch_cpu.so");
        }
    }
}
