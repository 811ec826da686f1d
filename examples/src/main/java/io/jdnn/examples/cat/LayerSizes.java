package io.jdnn.examples.cat;

import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The check {@code train} and {@code tune} make of a {@code --layers} list beyond "positive sizes
 * ending in 1": that it is not two networks run together. {@code 12288,7,1,12288,5,1} is a valid
 * list of sizes, but a network whose hidden layers are 7, then 1 unit, then as wide as the input
 * again is what a comma typed for a space gives, not what anyone trains; taken as it stands it
 * would be one slow, useless 5-layer network. So a 1-unit layer followed by the input size again is
 * refused, with the way to say what was meant.
 *
 * <pre>{@code
 * LayerSizes.requireOneNetwork(spec, new int[] {12288, 7, 1, 12288, 5, 1}, "..."); // ParameterException
 * }</pre>
 */
final class LayerSizes {
  private LayerSizes() {}

  /** A usage error when {@code sizes} look like several networks joined; {@code hint} says what to do. */
  static void requireOneNetwork(CommandSpec spec, int[] sizes, String hint) {
    for (int k = 1; k + 1 < sizes.length - 1; k++) {
      if (sizes[k] == 1 && sizes[k + 1] == sizes[0]) {
        throw new ParameterException(spec.commandLine(), "--layers " + text(sizes) + " looks like two networks joined"
            + " by a comma (a 1-unit layer, then the input size " + sizes[0] + " again): " + hint + ", e.g. --layers "
            + text(Arrays.copyOfRange(sizes, 0, k + 1)) + " --layers " + text(Arrays.copyOfRange(sizes, k + 1,
                sizes.length)));
      }
    }
  }

  static String text(int[] sizes) {
    return Arrays.stream(sizes).mapToObj(String::valueOf).collect(Collectors.joining(","));
  }
}
