package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdnn.core.nn.Sequential;
import io.jdnn.data.images.CatVsNonCat;
import io.jdnn.layers.Dense;
import io.jdnn.optim.SGD;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** What a library user gets from the README's two snippets and mvn install. */
class LibraryUserTest {
  private static final String VERSION = "0.1.0-SNAPSHOT";

  @Test
  void theReadmeNetworkTrainsOnTheCourseImages() {
    Path cats = Path.of(System.getProperty("jdnn.datasets"), "catvnoncat");
    double[] costs = ReadmeSnippet.run(cats, 30);
    assertEquals(30, costs.length);
    // the README's network, seed 1: it starts near ln 2 and gradient descent lowers it
    assertTrue(costs[0] > 0.6 && costs[0] < 0.8, "first cost " + costs[0]);
    assertTrue(costs[29] < costs[0], "cost went from " + costs[0] + " to " + costs[29]);
  }

  @Test
  void everyJarHasAnAutomaticModuleName() throws IOException, URISyntaxException {
    Map<Class<?>, String> names = Map.of(Sequential.class, "io.jdnn.core", Dense.class, "io.jdnn.layers",
        SGD.class, "io.jdnn.optim", CatVsNonCat.class, "io.jdnn.data");
    for (Map.Entry<Class<?>, String> e : names.entrySet()) {
      Path jar = Path.of(e.getKey().getProtectionDomain().getCodeSource().getLocation().toURI());
      assertTrue(jar.getFileName().toString().endsWith(".jar"), e.getKey() + " comes from " + jar + ", not a jar");
      try (JarFile file = new JarFile(jar.toFile())) {
        assertEquals(e.getValue(), file.getManifest().getMainAttributes().getValue("Automatic-Module-Name"),
            jar.toString());
      }
    }
  }

  @Test
  void theSourcesAndTheJavadocAreInstalledBesideEachJar() {
    Path repository = Path.of(System.getProperty("local.repository"), "io", "jdnn");
    for (String artifact : new String[] {"jdnn-core", "jdnn-layers", "jdnn-optim", "jdnn-data"}) {
      for (String classifier : new String[] {"sources", "javadoc"}) {
        Path jar = repository.resolve(artifact).resolve(VERSION)
            .resolve(artifact + "-" + VERSION + "-" + classifier + ".jar");
        assertTrue(Files.isRegularFile(jar), jar + " is missing");
      }
    }
  }
}
