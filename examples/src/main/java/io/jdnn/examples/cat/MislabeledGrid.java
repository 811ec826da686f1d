package io.jdnn.examples.cat;

import io.jdnn.core.math.Matrix;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The misclassified images in a grid, as the course's {@code print_mislabeled_images} shows them:
 * each picture (enlarged {@value #ZOOM}x, pixels kept sharp) under its caption
 * "Prediction: ... / Class: ...". Images come from the columns of {@code x}
 * ({@code side*side*3 x m}, values in [0, 1], flattened row, column, channel).
 *
 * <p>Layout: {@value #COLUMNS} tiles per row, each {@code side * ZOOM} pixels wide with a
 * {@value #CAPTION}-pixel caption, {@value #PAD} pixels around and between them. With no
 * misclassified image the picture is one tile that says so.
 *
 * <pre>{@code
 * BufferedImage grid = MislabeledGrid.draw(test.x(), 64, indices, probabilities, labels, List.of("non-cat", "cat"));
 * }</pre>
 */
final class MislabeledGrid {
  static final int ZOOM = 2;
  static final int COLUMNS = 5;
  static final int CAPTION = 38;
  static final int PAD = 12;

  private MislabeledGrid() {}

  /** Width of the grid of {@code count} images of {@code side} pixels. */
  static int width(int count, int side) {
    int columns = Math.max(1, Math.min(COLUMNS, count));
    return PAD + columns * (side * ZOOM + PAD);
  }

  /** Height of the grid of {@code count} images of {@code side} pixels. */
  static int height(int count, int side) {
    int rows = Math.max(1, (count + COLUMNS - 1) / COLUMNS);
    return PAD + rows * (CAPTION + side * ZOOM + PAD);
  }

  static BufferedImage draw(Matrix x, int side, List<Integer> indices, Matrix probabilities, Matrix labels,
      List<String> classes) {
    int tile = side * ZOOM;
    BufferedImage grid = new BufferedImage(width(indices.size(), side), height(indices.size(), side),
        BufferedImage.TYPE_INT_RGB);
    Graphics2D g = grid.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.setColor(Color.BLACK);
    if (indices.isEmpty()) {
      g.drawString("No misclassified", PAD, PAD + CAPTION / 2);
      g.drawString("test images.", PAD, PAD + CAPTION);
    }
    for (int n = 0; n < indices.size(); n++) {
      int j = indices.get(n);
      int left = PAD + (n % COLUMNS) * (tile + PAD);
      int top = PAD + (n / COLUMNS) * (CAPTION + tile + PAD);
      String predicted = classes.get(probabilities.get(0, j) > 0.5 ? 1 : 0);
      String actual = classes.get((int) labels.get(0, j));
      g.setColor(Color.BLACK);
      g.drawString("Prediction: " + predicted, left, top + 14);
      g.drawString("Class: " + actual, left, top + 30);
      for (int row = 0; row < side; row++) {
        for (int col = 0; col < side; col++) {
          int f = (row * side + col) * 3;
          int rgb = level(x.get(f, j)) << 16 | level(x.get(f + 1, j)) << 8 | level(x.get(f + 2, j));
          for (int dy = 0; dy < ZOOM; dy++) {
            for (int dx = 0; dx < ZOOM; dx++) {
              grid.setRGB(left + col * ZOOM + dx, top + CAPTION + row * ZOOM + dy, rgb);
            }
          }
        }
      }
    }
    g.dispose();
    return grid;
  }

  private static int level(double v) {
    return (int) Math.max(0, Math.min(255, Math.round(v * 255)));
  }
}
