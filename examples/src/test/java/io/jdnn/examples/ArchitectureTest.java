package io.jdnn.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The structure the design promises, checked on the compiled classes with the JDK's {@code jdeps}:
 * no package cycle, no package split across modules, module dependencies one way (core on no other
 * jdnn module; layers, optim and data on core only), and no file-format library (jhdf, Jackson)
 * reached from core.
 */
class ArchitectureTest {
  private static final List<String> LIBRARY_MODULES = List.of("core", "layers", "optim", "data");
  private static final Pattern EDGE = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)\\s+.*$");

  /** Module name -> its packages -> the packages they use. */
  private static final Map<String, Map<String, Set<String>>> USES = new TreeMap<>();

  @BeforeAll
  static void runJdeps() {
    Path root = Path.of(System.getProperty("jdnn.datasets", "../datasets")).getParent();
    ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
    for (String module : LIBRARY_MODULES) {
      Path classes = root.resolve(module).resolve("target").resolve("classes");
      assertThat(classes).as("compiled classes of %s", module).isDirectory();
      StringWriter out = new StringWriter();
      int status = jdeps.run(new PrintWriter(out), new PrintWriter(out), "-verbose:package", "-filter:none",
          classes.toString());
      assertThat(status).as("jdeps on %s:%n%s", module, out).isZero();
      Map<String, Set<String>> uses = new TreeMap<>();
      for (String line : out.toString().split("\\R")) {
        Matcher m = EDGE.matcher(line);
        if (m.matches() && m.group(1).startsWith("io.jdnn.")) {
          uses.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
        }
      }
      assertThat(uses).as("packages jdeps found in %s", module).isNotEmpty();
      USES.put(module, uses);
    }
  }

  @Test
  void noPackageIsSplitAcrossModules() {
    Map<String, String> owner = new HashMap<>();
    for (var module : USES.entrySet()) {
      for (String pkg : module.getValue().keySet()) {
        String before = owner.put(pkg, module.getKey());
        assertThat(before).as("package %s is in both %s and %s", pkg, before, module.getKey()).isNull();
      }
    }
  }

  @Test
  void modulesDependOneWay() {
    Map<String, Set<String>> allowed = Map.of(
        "core", Set.of("core"),
        "layers", Set.of("core", "layers"),
        "optim", Set.of("core", "optim"),
        "data", Set.of("core", "data"));
    for (var module : USES.entrySet()) {
      for (var pkg : module.getValue().entrySet()) {
        for (String used : pkg.getValue()) {
          if (used.startsWith("io.jdnn.")) {
            assertThat(allowed.get(module.getKey())).as("%s (module %s) uses %s", pkg.getKey(), module.getKey(), used)
                .contains(moduleOf(used));
          }
        }
      }
    }
  }

  @Test
  void coreReachesNoFileFormatLibrary() {
    for (var pkg : USES.get("core").entrySet()) {
      assertThat(pkg.getValue()).as("core package %s", pkg.getKey())
          .noneMatch(used -> used.startsWith("io.jhdf") || used.startsWith("com.fasterxml"));
    }
  }

  @Test
  void noPackageCycle() {
    Map<String, Set<String>> graph = new TreeMap<>();
    for (Map<String, Set<String>> uses : USES.values()) {
      uses.forEach((pkg, used) -> graph.put(pkg, used.stream().filter(u -> u.startsWith("io.jdnn.") && !u.equals(pkg))
          .collect(java.util.stream.Collectors.toCollection(TreeSet::new))));
    }
    List<String> cycle = findCycle(graph);
    assertThat(cycle).as("a package cycle").isEmpty();
  }

  /** The check must be able to fail: a two-package cycle is found. */
  @Test
  void theCycleSearchFindsACycle() {
    Map<String, Set<String>> graph = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of());
    assertThat(findCycle(graph)).containsExactly("a", "b", "c", "a");
  }

  private static String moduleOf(String pkg) {
    for (var module : USES.entrySet()) {
      if (module.getValue().containsKey(pkg)) {
        return module.getKey();
      }
    }
    return "?";
  }

  /** A cycle as the list of packages around it (first repeated at the end), or empty. */
  static List<String> findCycle(Map<String, Set<String>> graph) {
    Map<String, Integer> state = new HashMap<>(); // 1 on the path, 2 done
    for (String start : new TreeSet<>(graph.keySet())) {
      Deque<String> path = new ArrayDeque<>();
      List<String> cycle = visit(start, graph, state, path);
      if (!cycle.isEmpty()) {
        return cycle;
      }
    }
    return List.of();
  }

  private static List<String> visit(String node, Map<String, Set<String>> graph, Map<String, Integer> state,
      Deque<String> path) {
    Integer s = state.get(node);
    if (s != null && s == 2) {
      return List.of();
    }
    if (s != null && s == 1) {
      List<String> onPath = new ArrayList<>(path);
      List<String> cycle = new ArrayList<>(onPath.subList(onPath.indexOf(node), onPath.size()));
      cycle.add(node);
      return cycle;
    }
    state.put(node, 1);
    path.addLast(node);
    for (String next : new TreeSet<>(graph.getOrDefault(node, Set.of()))) {
      List<String> cycle = visit(next, graph, state, path);
      if (!cycle.isEmpty()) {
        return cycle;
      }
    }
    path.removeLast();
    state.put(node, 2);
    return List.of();
  }
}
