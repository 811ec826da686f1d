package io.jdnn.core.nn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SequentialSummaryTest {

  @Test
  void oneRowPerLayerWithOutputShapeAndParametersThenTotals() {
    Sequential model = Sequential.of(new TinyDense(12288, 7), new Logistic(), new TinyDense(7, 1),
        new Logistic());
    String[] lines = model.summary().split("\\R");
    assertThat(lines).hasSize(1 + 4 + 1);
    assertThat(lines[0]).startsWith("#").contains("Layer", "Output shape", "Parameters", "Saved as");
    assertThat(lines[1]).contains("TinyDense(12288->7)", "7 x m", " 86,023  ").endsWith("W1 7x12288, b1 7x1");
    assertThat(lines[2]).contains("Logistic()").contains("7 x m").endsWith(" 0");
    assertThat(lines[3]).contains("1 x m", " 8  ").endsWith("W2 1x7, b2 1x1");
    assertThat(model.parameterCount()).isEqualTo(12288 * 7 + 7 + 7 + 1);
    assertThat(lines[5]).isEqualTo("Total parameters: 86,031 in 4 layers");
  }

  @Test
  void aSizeNoEarlierLayerFixesIsAQuestionMark() {
    String summary = Sequential.of(new Logistic()).summary();
    assertThat(summary).contains("? x m");
  }
}
