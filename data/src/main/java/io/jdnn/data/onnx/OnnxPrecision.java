package io.jdnn.data.onnx;

import io.jdnn.data.onnx.proto.OnnxProto.TensorProto;

/**
 * The element type of an ONNX model's input, output and weights: {@link #FLOAT32} (what every
 * runtime runs, and the default of {@link OnnxFile#save}) or {@link #FLOAT64} (jdnn's own
 * precision: a float64 export reads back bit-identical, and runs on ONNX Runtime's CPU provider).
 *
 * <pre>{@code
 * OnnxFile.save(model, Path.of("cat.onnx"), OnnxExportOptions.DEFAULT.withPrecision(OnnxPrecision.FLOAT64));
 * }</pre>
 */
public enum OnnxPrecision {
  /** ONNX {@code FLOAT} (data type 1), 4 bytes a value; jdnn's doubles are rounded to the nearest float. */
  FLOAT32(TensorProto.DataType.FLOAT, 4),
  /** ONNX {@code DOUBLE} (data type 11), 8 bytes a value, exactly jdnn's numbers. */
  FLOAT64(TensorProto.DataType.DOUBLE, 8);

  private final TensorProto.DataType dataType;
  private final int bytes;

  OnnxPrecision(TensorProto.DataType dataType, int bytes) {
    this.dataType = dataType;
    this.bytes = bytes;
  }

  /** The ONNX data type. */
  TensorProto.DataType dataType() {
    return dataType;
  }

  /** Bytes per value in {@code raw_data}. */
  int bytes() {
    return bytes;
  }

  /** The precision of ONNX data type {@code code}, or null when jdnn reads no such numbers. */
  static OnnxPrecision of(int code) {
    for (OnnxPrecision p : values()) {
      if (p.dataType.getNumber() == code) {
        return p;
      }
    }
    return null;
  }

  /** The name of ONNX data type {@code code} for messages, e.g. {@code INT64 (7)}. */
  static String typeName(int code) {
    TensorProto.DataType type = TensorProto.DataType.forNumber(code);
    return (type == null ? "unknown" : type.name()) + " (" + code + ")";
  }
}
