package io.jdnn.examples.cat;

import io.jdnn.core.Layer;
import io.jdnn.core.Parameter;
import io.jdnn.core.Sequential;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A model as a table, as Keras' {@code summary()} prints it: one row per layer with its output
 * size and parameter count, and the parameters under the names a model file gives them
 * ({@code W1 20x12288, b1 20x1}), then the total.
 *
 * <pre>
 *  #  Layer                      Output  Parameters  Shapes
 *  1  Dense(in=12288, out=20)        20     245,780  W1 20x12288, b1 20x1
 *  2  ReLU()                         20           0
 * Total parameters: 245,780
 * </pre>
 */
final class ModelSummary {
  private ModelSummary() {}

  /** The table for {@code model}, lines ending in a line separator. */
  static String format(Sequential model) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"#", "Layer", "Output", "Parameters", "Shapes"});
    int size = Layer.ANY_SIZE;
    int k = 0;
    long total = 0;
    int number = 0;
    for (Layer layer : model.layers()) {
      number++;
      size = layer.outputSize(size);
      long count = 0;
      List<String> shapes = new ArrayList<>();
      if (!layer.parameters().isEmpty()) {
        k++;
        for (Parameter p : layer.parameters()) {
          count += p.value().size();
          shapes.add(p.name() + k + " " + p.value().shape());
        }
      }
      total += count;
      rows.add(new String[] {String.valueOf(number), layer.toString(), size == Layer.ANY_SIZE ? "?" : String.valueOf(size),
          String.format(Locale.ROOT, "%,d", count), String.join(", ", shapes)});
    }
    int[] width = new int[5];
    for (String[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        width[c] = Math.max(width[c], row[c].length());
      }
    }
    StringBuilder s = new StringBuilder();
    for (String[] row : rows) {
      String line = String.format(Locale.ROOT, "%" + width[0] + "s  %-" + width[1] + "s  %" + width[2] + "s  %"
          + width[3] + "s  %s", (Object[]) row);
      s.append(line.stripTrailing()).append(System.lineSeparator());
    }
    s.append(String.format(Locale.ROOT, "Total parameters: %,d%n", total));
    return s.toString();
  }
}
