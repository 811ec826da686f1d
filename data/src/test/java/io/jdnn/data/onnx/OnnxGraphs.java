package io.jdnn.data.onnx;

import io.jdnn.data.onnx.proto.OnnxProto.AttributeProto;
import io.jdnn.data.onnx.proto.OnnxProto.GraphProto;
import io.jdnn.data.onnx.proto.OnnxProto.ModelProto;
import io.jdnn.data.onnx.proto.OnnxProto.NodeProto;
import io.jdnn.data.onnx.proto.OnnxProto.OperatorSetIdProto;
import io.jdnn.data.onnx.proto.OnnxProto.TensorProto;
import io.jdnn.data.onnx.proto.OnnxProto.TensorShapeProto;
import io.jdnn.data.onnx.proto.OnnxProto.TypeProto;
import io.jdnn.data.onnx.proto.OnnxProto.ValueInfoProto;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Hand-built ONNX graphs for the import tests: the forms PyTorch does not write, and damaged ones. */
final class OnnxGraphs {
  private OnnxGraphs() {}

  /** A float32 tensor of {@code dims} holding {@code values} (row-major), in float_data. */
  static TensorProto floats(String name, long[] dims, double... values) {
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE);
    for (long d : dims) {
      t.addDims(d);
    }
    for (double v : values) {
      t.addFloatData((float) v);
    }
    return t.build();
  }

  /** {@code count} seeded values in [-1, 1), exact in float32. */
  static double[] values(int count, int seed) {
    double[] v = new double[count];
    long s = seed * 2654435761L + 12345;
    for (int i = 0; i < count; i++) {
      s = s * 6364136223846793005L + 1442695040888963407L;
      v[i] = ((s >>> 40) % 256 - 128) / 128.0;
    }
    return v;
  }

  static NodeProto node(String op, List<String> inputs, String output, AttributeProto... attributes) {
    return NodeProto.newBuilder().setName(output + "_node").setOpType(op).addAllInput(inputs).addOutput(output)
        .addAllAttribute(List.of(attributes)).build();
  }

  static AttributeProto intAttr(String name, long value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
  }

  static AttributeProto floatAttr(String name, double value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF((float) value)
        .build();
  }

  /** A float32 2-D value; a negative size is the symbolic {@code batch}. */
  static ValueInfoProto value(String name, long rows, long cols) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (long d : new long[] {rows, cols}) {
      shape.addDim(d < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("batch").build()
          : TensorShapeProto.Dimension.newBuilder().setDimValue(d).build());
    }
    return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
        TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
  }

  /** A model of opset {@code opset} around {@code graph}. */
  static ModelProto model(int opset, GraphProto graph) {
    return ModelProto.newBuilder().setIrVersion(7).setProducerName("jdnn-tests")
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset)).setGraph(graph).build();
  }

  static Path write(Path dir, String name, ModelProto model) {
    try {
      return Files.write(dir.resolve(name), model.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
