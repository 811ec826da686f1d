package io.jdnn.data.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.jdnn.core.math.Matrix;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs an ONNX file in ONNX Runtime (the outside oracle of the export tests; test scope only, as it
 * ships native code) on jdnn's layout: {@code x} is {@code features x m}, the result {@code out x m}.
 * One intra-op thread, so the tests share the two cores with the rest of the build.
 */
final class OnnxRuntimeRunner {
  private OnnxRuntimeRunner() {}

  /** The model's output for every column of {@code x}, fed as rows in the input's own element type. */
  static Matrix predict(Path model, Matrix x) {
    return run(model, x.transpose()).transpose();
  }

  /**
   * The model's 2-D output for the 2-D {@code input}, both in the graph's own layout (rows are
   * examples for a graph jdnn writes), in the input's own element type.
   */
  static Matrix run(Path model, Matrix input) {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      try (OrtSession session = env.createSession(model.toString(), options)) {
        Map.Entry<String, NodeInfo> in = session.getInputInfo().entrySet().iterator().next();
        OnnxJavaType type = ((TensorInfo) in.getValue().getInfo()).type;
        long[] shape = {input.rows(), input.cols()};
        OnnxTensor tensor;
        if (type == OnnxJavaType.DOUBLE) {
          tensor = OnnxTensor.createTensor(env, DoubleBuffer.wrap(input.data().clone()), shape);
        } else {
          float[] values = new float[input.size()];
          for (int i = 0; i < values.length; i++) {
            values[i] = (float) input.data()[i];
          }
          tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(values), shape);
        }
        try (tensor; OrtSession.Result result = session.run(Map.of(in.getKey(), tensor))) {
          OnnxTensor out = (OnnxTensor) result.get(0);
          long[] outShape = out.getInfo().getShape();
          Matrix y = Matrix.zeros((int) outShape[0], (int) outShape[1]);
          if (out.getInfo().type == OnnxJavaType.DOUBLE) {
            out.getDoubleBuffer().get(y.data());
          } else {
            FloatBuffer values = out.getFloatBuffer();
            for (int i = 0; i < y.size(); i++) {
              y.data()[i] = values.get(i);
            }
          }
          return y;
        }
      }
    } catch (OrtException e) {
      throw new AssertionError("ONNX Runtime cannot run " + model + ": " + e.getMessage(), e);
    }
  }
}
