package dev.ich.samples.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's API example is the compiled, tested {@link AnalyzeStudy} snippet, word for word. */
class ReadmeTest {

    @Test
    void readmeShowsTheCompiledExample() throws Exception {
        List<String> source = Files.readAllLines(
            Path.of("src/main/java/dev/ich/samples/examples/AnalyzeStudy.java"));
        int begin = source.indexOf("        // README:begin");
        int end = source.indexOf("        // README:end");
        assertThat(begin).isPositive();
        assertThat(end).isGreaterThan(begin);
        String snippet = source.subList(begin + 1, end).stream()
            .map(line -> line.length() >= 8 ? line.substring(8) : line.strip())
            .collect(Collectors.joining("\n"));
        assertThat(Files.readString(Path.of("..", "README.md"))).contains("```java\n" + snippet + "\n```");
    }
}
