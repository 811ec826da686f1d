package io.jdnn.examples.cat;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdnn.examples.ProjectData;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The full 2,500-iteration course runs against the published tables of
 * {@code course-numbers.md} (a test resource), read from that file: every printed cost to
 * relative 1e-9, and the accuracies.
 */
class CourseReproductionTest {
  private static final String DATA = ProjectData.catvnoncat().toString();

  /** The table under the heading that starts with {@code heading}: iteration to cost. */
  private static Map<Integer, Double> publishedTable(String heading) throws IOException {
    String text = ProjectData.courseNumbers();
    int start = text.indexOf("## " + heading);
    assertThat(start).as("heading '%s' in course-numbers.md", heading).isNotNegative();
    int end = text.indexOf("\n## ", start + 3);
    String section = text.substring(start, end < 0 ? text.length() : end);
    Map<Integer, Double> table = new LinkedHashMap<>();
    Matcher m = Pattern.compile("^\\| (\\d+) \\| ([0-9.eE-]+) \\|$", Pattern.MULTILINE).matcher(section);
    while (m.find()) {
      table.put(Integer.parseInt(m.group(1)), Double.parseDouble(m.group(2)));
    }
    assertThat(table).hasSize(26);
    return table;
  }

  private static void assertReproduces(CliRun run, Map<Integer, Double> table, double train, double test) {
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(table.size() + 2);
    int row = 0;
    for (Map.Entry<Integer, Double> expected : table.entrySet()) {
      String prefix = "Cost after iteration " + expected.getKey() + ": ";
      String line = lines.get(row++);
      assertThat(line).startsWith(prefix);
      double cost = Double.parseDouble(line.substring(prefix.length()));
      assertThat(Math.abs(cost / expected.getValue() - 1)).as(line + " vs " + expected.getValue()).isLessThan(1e-9);
    }
    assertThat(lines.get(row)).isEqualTo("Train accuracy: " + train);
    assertThat(lines.get(row + 1)).isEqualTo("Test accuracy: " + test);
  }

  @Test
  void fourLayerModelWithDefaults() throws IOException {
    CliRun run = CliRun.of("train", "--data", DATA);
    assertReproduces(run, publishedTable("4-layer"), 206.0 / 209, 0.8);
  }

  @Test
  void twoLayerModelWithSmallInit() throws IOException {
    CliRun run = CliRun.of("train", "--data", DATA, "--layers", "12288,7,1", "--init", "small");
    assertReproduces(run, publishedTable("2-layer"), 1.0, 0.72);
  }
}
