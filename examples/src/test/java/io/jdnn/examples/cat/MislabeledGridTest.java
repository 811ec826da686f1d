package io.jdnn.examples.cat;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdnn.core.math.Matrix;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class MislabeledGridTest {
  private static final int SIDE = 4;

  @Test
  void eachTileIsItsImageEnlargedUnderItsCaption() {
    int m = 3;
    Matrix x = Matrix.zeros(SIDE * SIDE * 3, m);
    for (int i = 0; i < x.size(); i++) {
      x.data()[i] = (i * 37 % 256) / 255.0;
    }
    Matrix p = Matrix.ofRows(new double[] {0.9, 0.2, 0.1});
    Matrix y = Matrix.ofRows(new double[] {0, 1, 0});
    List<Integer> wrong = List.of(0, 1);
    BufferedImage grid = MislabeledGrid.draw(x, SIDE, wrong, p, y, List.of("non-cat", "cat"));

    assertThat(grid.getWidth()).isEqualTo(MislabeledGrid.PAD + 2 * (SIDE * MislabeledGrid.ZOOM + MislabeledGrid.PAD));
    assertThat(grid.getHeight()).isEqualTo(MislabeledGrid.PAD + MislabeledGrid.CAPTION + SIDE * MislabeledGrid.ZOOM
        + MislabeledGrid.PAD);
    for (int n = 0; n < wrong.size(); n++) {
      int j = wrong.get(n);
      int left = MislabeledGrid.PAD + n * (SIDE * MislabeledGrid.ZOOM + MislabeledGrid.PAD);
      int top = MislabeledGrid.PAD + MislabeledGrid.CAPTION;
      for (int row = 0; row < SIDE; row++) {
        for (int col = 0; col < SIDE; col++) {
          int f = (row * SIDE + col) * 3;
          int expected = (int) Math.round(x.get(f, j) * 255) << 16 | (int) Math.round(x.get(f + 1, j) * 255) << 8
              | (int) Math.round(x.get(f + 2, j) * 255);
          for (int d = 0; d < MislabeledGrid.ZOOM; d++) {
            assertThat(grid.getRGB(left + col * MislabeledGrid.ZOOM + d, top + row * MislabeledGrid.ZOOM + d) & 0xffffff)
                .as("image %d pixel (%d, %d)", j, row, col)
                .isEqualTo(expected);
          }
        }
      }
    }
  }

  @Test
  void withNothingMisclassifiedItIsOneTileSayingSo() {
    BufferedImage grid = MislabeledGrid.draw(Matrix.zeros(SIDE * SIDE * 3, 1), SIDE, List.of(),
        Matrix.ofRows(new double[] {0.9}), Matrix.ofRows(new double[] {1}), List.of("non-cat", "cat"));
    assertThat(grid.getWidth()).isEqualTo(MislabeledGrid.width(0, SIDE));
    assertThat(grid.getHeight()).isEqualTo(MislabeledGrid.height(0, SIDE));
    boolean hasText = false;
    for (int y = 0; y < grid.getHeight() && !hasText; y++) {
      for (int x = 0; x < grid.getWidth() && !hasText; x++) {
        hasText = (grid.getRGB(x, y) & 0xffffff) != 0xffffff;
      }
    }
    assertThat(hasText).as("some text drawn on the white tile").isTrue();
  }
}
