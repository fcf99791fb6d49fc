package dev.ich.samples.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Use it from Java" block is {@link AnalyzeStudy}'s source from its imports on, word
 * for word, and compiles as printed.
 */
class ReadmeTest {

    private static final Path EXAMPLE =
            Path.of("src/main/java/dev/ich/samples/examples/AnalyzeStudy.java");
    private static final String HEADING = "## Use it from Java";

    /** The first Java block after the heading, without its fences. */
    static String readmeBlock() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int heading = readme.indexOf(HEADING);
        assertThat(heading).as("the README has a section '%s'", HEADING).isNotNegative();
        int begin = readme.indexOf("```java\n", heading) + "```java\n".length();
        int end = readme.indexOf("\n```", begin);
        assertThat(end).isGreaterThan(begin);
        return readme.substring(begin, end + 1);
    }

    @Test
    void readmeShowsTheExampleFromItsImportsOn() throws Exception {
        String source = Files.readString(EXAMPLE);
        String fromImports = source.substring(source.indexOf("import "));
        assertThat(readmeBlock()).isEqualTo(fromImports);
    }

    @Test
    void theReadmeBlockCompilesAsPrinted(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("AnalyzeStudy.java");
        Files.writeString(file, readmeBlock());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter messages = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjects(file);
            List<String> options =
                    List.of(
                            "-classpath",
                            System.getProperty("java.class.path"),
                            "-d",
                            dir.toString(),
                            "-proc:none");
            boolean compiled = javac.getTask(messages, files, null, options, null, units).call();
            assertThat(compiled).as("javac on the README's block:%n%s", messages).isTrue();
        }
        assertThat(dir.resolve("AnalyzeStudy.class")).exists();
    }
}
