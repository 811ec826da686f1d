package io.jdnn.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's code is the code that runs: its network is {@link ReadmeExample}'s (a test runs it)
 * and the library consumer's of {@code library-test} (built and run against the installed jars on
 * every {@code mvn verify}), and its Maven dependencies are that consumer's, word for word.
 */
class ReadmeSnippetsTest {
  private static final Path ROOT = ProjectData.datasets().toAbsolutePath().getParent();
  private static final Path CONSUMER = ROOT.resolve("library-test/src/it/readme-consumer");

  @Test
  void theReadmeNetworkIsTheExampleAndTheConsumerCode() throws IOException {
    String readme = section(readme(), "## Composing a network");
    String snippet = fenced(readme, "java");
    assertThat(marked(ROOT.resolve("examples/src/main/java/io/jdnn/examples/ReadmeExample.java"),
        "// --- README example: begin ---", "// --- README example: end ---")).isEqualTo(snippet);
    assertThat(marked(CONSUMER.resolve("src/main/java/example/ReadmeSnippet.java"),
        "// --- README example: begin ---", "// --- README example: end ---")).isEqualTo(snippet);
  }

  @Test
  void theReadmeDependenciesAreTheConsumerProjectsAndThisVersion() throws IOException {
    String library = section(readme(), "## Using jdnn as a library");
    String xml = fenced(library, "xml");
    assertThat(marked(CONSUMER.resolve("pom.xml"), "<!-- README: begin -->", "<!-- README: end -->")).isEqualTo(xml);
    String version = projectVersion();
    for (String artifact : List.of("jdnn-layers", "jdnn-optim", "jdnn-data")) {
      assertThat(xml).contains("<artifactId>" + artifact + "</artifactId>\n  <version>" + version + "</version>");
      assertThat(fenced(library, "kotlin")).contains("implementation(\"io.jdnn:" + artifact + ":" + version + "\")");
    }
    assertThat(library).contains("--add-modules jdk.incubator.vector");
  }

  private static String readme() throws IOException {
    return Files.readString(ROOT.resolve("README.md"));
  }

  /** The README's text from {@code heading} to the next heading of the same level. */
  private static String section(String readme, String heading) {
    int start = readme.indexOf("\n" + heading + "\n");
    assertThat(start).as("README has " + heading).isNotNegative();
    int end = readme.indexOf("\n## ", start + heading.length() + 1);
    return readme.substring(start, end < 0 ? readme.length() : end);
  }

  /** The first fenced block of {@code language} in {@code text}. */
  private static String fenced(String text, String language) {
    Matcher m = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(text);
    assertThat(m.find()).as("a ```" + language + " block").isTrue();
    return m.group(1);
  }

  /** The lines of {@code file} between the two marker lines, their common indentation removed. */
  private static String marked(Path file, String begin, String end) throws IOException {
    String text = Files.readString(file);
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    assertThat(from).as(file + " has " + begin).isNotNegative();
    String block = text.substring(text.indexOf('\n', from) + 1, text.lastIndexOf('\n', to) + 1);
    List<String> lines = block.lines().toList();
    int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length()).min()
        .orElse(0);
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      out.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
    }
    return out.toString();
  }

  private static String projectVersion() throws IOException {
    Matcher m = Pattern.compile("<artifactId>jdnn-parent</artifactId>\\s*<version>([^<]+)</version>")
        .matcher(Files.readString(ROOT.resolve("pom.xml")));
    assertThat(m.find()).isTrue();
    return m.group(1);
  }
}
