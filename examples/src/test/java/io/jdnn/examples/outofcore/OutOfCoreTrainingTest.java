package io.jdnn.examples.outofcore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Data larger than memory: 20,000 synthetic 64x64x3 uint8 examples (246 MB of raw bytes on disk,
 * about 2 GB as float64) are written to a temporary HDF5 file, then a child JVM whose whole heap is
 * smaller than the raw bytes (-Xmx160m, under the serial collector) trains on the first 18,000 in
 * mini-batches read from disk and must classify the 2,000 held out. The child also shows the guard
 * that refuses to read the whole file at once.
 */
class OutOfCoreTrainingTest {
  private static final Logger LOG = LoggerFactory.getLogger(OutOfCoreTrainingTest.class);
  private static final int COUNT = 20_000;
  private static final int TRAIN = 18_000;
  private static final String HEAP = "-Xmx160m";

  @TempDir
  Path tmp;

  @Test
  void trainsFromDiskInAHeapSmallerThanTheData() throws Exception {
    Path file = tmp.resolve("synthetic.h5");
    SyntheticImages.write(file, COUNT, 20_000);
    long features = (long) SyntheticImages.SIDE * SyntheticImages.SIDE * SyntheticImages.CHANNELS;
    assertThat(Files.size(file)).isGreaterThan(COUNT * features);

    Path log = tmp.resolve("child.log");
    Process child = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP, "-XX:+UseSerialGC",
        "--add-modules=jdk.incubator.vector",
        "-cp", System.getProperty("java.class.path"),
        OutOfCoreTraining.class.getName(), file.toString(), String.valueOf(TRAIN), "1", "250", "0.01"))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    // A bound so a broken child cannot hang the build; the run takes well under a minute.
    boolean finished = child.waitFor(5, TimeUnit.MINUTES);
    if (!finished) {
      child.destroyForcibly().waitFor();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    LOG.info("child output:\n{}", output);
    assertThat(finished).as("child finished").isTrue();
    assertThat(child.exitValue()).as(output).isZero();

    Map<String, String> values = values(output);
    long maxHeap = Long.parseLong(values.get("maxHeapBytes"));
    assertThat(maxHeap).as("the child's heap").isLessThanOrEqualTo(160L << 20);
    assertThat(COUNT * features).as("the raw bytes of the images, against the child's whole heap")
        .isGreaterThan(maxHeap);
    assertThat(values.get("wholeFile")).startsWith("refused").contains("dataset 'x'").contains("read it in slices");
    assertThat(values.get("examples")).isEqualTo(String.valueOf(COUNT));
    assertThat(Double.parseDouble(values.get("heldOutAccuracy"))).isGreaterThanOrEqualTo(0.97);
  }

  /** The child's {@code key=value} lines (a later line wins). */
  private static Map<String, String> values(String output) throws IOException {
    Map<String, String> values = new HashMap<>();
    for (String line : output.split("\n")) {
      for (String part : line.split(" (?=\\w+=)")) {
        int eq = part.indexOf('=');
        if (eq > 0 && part.substring(0, eq).matches("\\w+")) {
          values.put(part.substring(0, eq), part.substring(eq + 1).trim());
        }
      }
    }
    return values;
  }
}
