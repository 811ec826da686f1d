package io.jdnn.data.onnx;

import static io.jdnn.data.onnx.OnnxGraphs.floatAttr;
import static io.jdnn.data.onnx.OnnxGraphs.floats;
import static io.jdnn.data.onnx.OnnxGraphs.intAttr;
import static io.jdnn.data.onnx.OnnxGraphs.node;
import static io.jdnn.data.onnx.OnnxGraphs.value;
import static io.jdnn.data.onnx.OnnxGraphs.values;
import static org.assertj.core.api.Assertions.assertThat;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.nn.Sequential;
import io.jdnn.data.onnx.proto.OnnxProto.GraphProto;
import io.jdnn.data.onnx.proto.OnnxProto.ModelProto;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ONNX graphs in the forms PyTorch does not write (every transA/transB of Gemm, alpha and beta,
 * MatMul with the weight first, examples in columns, Flatten, Identity, Dropout, LeakyRelu, an
 * opset before 13), each imported and compared with ONNX Runtime running the same file.
 */
class OnnxImportTest {
  @TempDir
  Path dir;

  /** Inputs in the graph's own layout: {@code rows x cols} seeded values. */
  private static Matrix input(int rows, int cols) {
    return Matrix.of(rows, cols, values(rows * cols, rows * 31 + cols));
  }

  /**
   * jdnn's output against ONNX Runtime's on {@code graphInput} (in the graph's own layout); {@code inRows} and
   * {@code outRows} say whether the graph's input and output hold examples in rows.
   */
  private void requireSameAsRuntime(ModelProto model, String name, Matrix graphInput, boolean inRows,
      boolean outRows) {
    Path file = OnnxGraphs.write(dir, name + ".onnx", model);
    Sequential imported = OnnxFile.load(file);
    Matrix expected = OnnxRuntimeRunner.run(file, graphInput);
    Matrix actual = imported.predict(inRows ? graphInput.transpose() : graphInput);
    Predictions.requireClose(name, outRows ? actual.transpose() : actual, expected, 1e-5);
  }

  @Test
  void gemmWithTheChainAsAInRowsAnyTransBAlphaBeta() {
    // input [batch, 3] -> Gemm(x, W[2x3], C[2], transB=1, alpha=0.5, beta=2) -> Relu
    //   -> Gemm(h, B[2x4], C[1x4], transB=0) -> Softmax(axis=1) -> [batch, 4]
    GraphProto graph = GraphProto.newBuilder().setName("rows")
        .addInput(value("x", -1, 3)).addOutput(value("y", -1, 4))
        .addInitializer(floats("W1", new long[] {2, 3}, values(6, 1)))
        .addInitializer(floats("C1", new long[] {2}, values(2, 2)))
        .addInitializer(floats("B2", new long[] {2, 4}, values(8, 3)))
        .addInitializer(floats("C2", new long[] {1, 4}, values(4, 4)))
        .addNode(node("Gemm", List.of("x", "W1", "C1"), "g1", intAttr("transB", 1), floatAttr("alpha", 0.5),
            floatAttr("beta", 2)))
        .addNode(node("Relu", List.of("g1"), "r1"))
        .addNode(node("Gemm", List.of("r1", "B2", "C2"), "g2"))
        .addNode(node("Softmax", List.of("g2"), "y", intAttr("axis", 1)))
        .build();
    requireSameAsRuntime(OnnxGraphs.model(13, graph), "rows", input(7, 3), true, true);
  }

  @Test
  void gemmWithTheChainAsBSwitchesToColumnsAndTransABringsItBack() {
    // input [batch, 3] -> Gemm(A=W[2x3], B=x, transB=1, C[2x1]) = [2, batch] -> Tanh
    //   -> Gemm(A=h, B[2x1], transA=1, C[1]) = [batch, 1] -> Sigmoid
    GraphProto graph = GraphProto.newBuilder().setName("switch")
        .addInput(value("x", -1, 3)).addOutput(value("y", -1, 1))
        .addInitializer(floats("W1", new long[] {2, 3}, values(6, 5)))
        .addInitializer(floats("C1", new long[] {2, 1}, values(2, 6)))
        .addInitializer(floats("B2", new long[] {2, 1}, values(2, 7)))
        .addInitializer(floats("C2", new long[] {1}, 0.25))
        .addNode(node("Gemm", List.of("W1", "x", "C1"), "g1", intAttr("transB", 1)))
        .addNode(node("Tanh", List.of("g1"), "t1"))
        .addNode(node("Gemm", List.of("t1", "B2", "C2"), "g2", intAttr("transA", 1), floatAttr("beta", -1.5)))
        .addNode(node("Sigmoid", List.of("g2"), "y"))
        .build();
    requireSameAsRuntime(OnnxGraphs.model(13, graph), "switch", input(6, 3), true, true);
  }

  @Test
  void examplesInColumnsWithTransAMatMulFirstAndSoftmaxOnAxisZero() {
    // input [3, batch] -> Gemm(A=Wt[3x2], B=x, transA=1) = [2, batch] -> LeakyRelu(0.1)
    //   -> MatMul(W2[4x2], h) + C[4x1] = [4, batch] -> Softmax(axis=0)
    GraphProto graph = GraphProto.newBuilder().setName("columns")
        .addInput(value("x", 3, -1)).addOutput(value("y", 4, -1))
        .addInitializer(floats("Wt", new long[] {3, 2}, values(6, 8)))
        .addInitializer(floats("W2", new long[] {4, 2}, values(8, 9)))
        .addInitializer(floats("C2", new long[] {4, 1}, values(4, 10)))
        .addNode(node("Gemm", List.of("Wt", "x"), "g1", intAttr("transA", 1)))
        .addNode(node("LeakyRelu", List.of("g1"), "l1", floatAttr("alpha", 0.1)))
        .addNode(node("MatMul", List.of("W2", "l1"), "m2"))
        .addNode(node("Add", List.of("C2", "m2"), "a2"))
        .addNode(node("Softmax", List.of("a2"), "y", intAttr("axis", 0)))
        .build();
    requireSameAsRuntime(OnnxGraphs.model(13, graph), "columns", input(3, 5), false, false);
    Sequential imported = OnnxFile.load(dir.resolve("columns.onnx"));
    assertThat(imported.toString()).contains("LeakyReLU").contains("0.1");
  }

  @Test
  void flattenIdentityDropoutAndMatMulAddInRows() {
    GraphProto graph = GraphProto.newBuilder().setName("passes")
        .addInput(value("x", -1, 4)).addOutput(value("y", -1, 2))
        .addInitializer(floats("ratio", new long[] {}, 0.5))
        .addInitializer(floats("B", new long[] {4, 2}, values(8, 11)))
        .addInitializer(floats("b", new long[] {2}, values(2, 12)))
        .addNode(node("Flatten", List.of("x"), "f", intAttr("axis", 1)))
        .addNode(node("Identity", List.of("f"), "i"))
        .addNode(node("Dropout", List.of("i", "ratio"), "d"))
        .addNode(node("MatMul", List.of("d", "B"), "m"))
        .addNode(node("Add", List.of("m", "b"), "a"))
        .addNode(node("Sigmoid", List.of("a"), "y"))
        .build();
    requireSameAsRuntime(OnnxGraphs.model(13, graph), "passes", input(9, 4), true, true);
    assertThat(OnnxFile.load(dir.resolve("passes.onnx")).layers()).hasSize(2);
  }

  @Test
  void softmaxBeforeOpset13FlattensFromAxisOneWhichIsOneExamplesFeatures() {
    GraphProto graph = GraphProto.newBuilder().setName("opset11")
        .addInput(value("x", -1, 3)).addOutput(value("y", -1, 3))
        .addInitializer(floats("W", new long[] {3, 3}, values(9, 13)))
        .addInitializer(floats("b", new long[] {3}, values(3, 14)))
        .addNode(node("Gemm", List.of("x", "W", "b"), "g", intAttr("transB", 1)))
        .addNode(node("Softmax", List.of("g"), "y"))
        .build();
    requireSameAsRuntime(OnnxGraphs.model(11, graph), "opset11", input(4, 3), true, true);
  }
}
