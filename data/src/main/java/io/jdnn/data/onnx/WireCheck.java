package io.jdnn.data.onnx;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.jdnn.data.model.ModelFormatException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Walks a protobuf message's bytes before protobuf-java parses them, checking every length field
 * against the bytes that are really there, so that a damaged file is refused with the field's
 * path and byte offset ({@code graph.initializer[1].raw_data at byte 812 says 2147483648 bytes,
 * 40 remain}) rather than with a parser's generic message, and no length field ever sizes an
 * allocation. The field names come from the generated classes' descriptors, so the walk knows
 * which length-delimited fields are nested messages without a second copy of the schema.
 *
 * <p>Linear in the file's size, with nesting bounded by {@link #MAX_DEPTH}.
 */
final class WireCheck {
  /** Deeper than any ONNX model nests (a graph inside a node attribute, a few levels); protobuf allows 100. */
  static final int MAX_DEPTH = 64;

  private final Path file;
  private final byte[] bytes;

  private WireCheck(Path file, byte[] bytes) {
    this.file = file;
    this.bytes = bytes;
  }

  /**
   * Checks {@code bytes} as a message of {@code type}.
   *
   * @throws ModelFormatException naming the field, its byte offset and the length it claims
   */
  static void check(Path file, byte[] bytes, Descriptor type) {
    new WireCheck(file, bytes).walk(0, bytes.length, type, "", 0);
  }

  private void walk(int start, int end, Descriptor type, String path, int depth) {
    if (depth > MAX_DEPTH) {
      throw corrupt("messages nest more than " + MAX_DEPTH + " deep at " + where(path, start));
    }
    Map<Integer, Integer> seen = new HashMap<>();
    int pos = start;
    while (pos < end) {
      int tagAt = pos;
      long tag = varint(pos, end, path);
      pos = next;
      int number = (int) (tag >>> 3);
      int wireType = (int) (tag & 7);
      if (tag >>> 3 > 0x1FFFFFFF || number == 0) {
        throw corrupt("an invalid field number " + (tag >>> 3) + " at " + where(path, tagAt));
      }
      FieldDescriptor field = type == null ? null : type.findFieldByNumber(number);
      String name = fieldPath(path, field, number, seen);
      switch (wireType) {
        case 0 -> {
          varint(pos, end, name);
          pos = next;
        }
        case 1 -> pos = fixed(pos, end, 8, name);
        case 5 -> pos = fixed(pos, end, 4, name);
        case 2 -> {
          long length = varint(pos, end, name);
          pos = next;
          if (length < 0 || length > end - pos) {
            throw corrupt("the length of " + name + " at byte " + tagAt + " says " + Long.toUnsignedString(length)
                + " bytes, but only "
                + (end - pos) + " remain" + (end == bytes.length ? " in the file" : " in its enclosing field")
                + "; the file is truncated or corrupt");
          }
          if (field != null && field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
            walk(pos, pos + (int) length, field.getMessageType(), name, depth + 1);
          }
          pos += (int) length;
        }
        default -> throw corrupt("wire type " + wireType + " (not used by ONNX) for " + name + " at byte " + tagAt
            + "; the file is corrupt or not an ONNX model");
      }
    }
  }

  /** Where the last {@link #varint} ended. */
  private int next;

  private long varint(int pos, int end, String what) {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= end) {
        throw corrupt("the file ends inside a number of " + what + " at byte " + pos + "; it is truncated or corrupt");
      }
      byte b = bytes[pos++];
      value |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        next = pos;
        return value;
      }
    }
    throw corrupt("a varint in " + what + " at byte " + pos + " runs over 10 bytes; the file is corrupt");
  }

  private int fixed(int pos, int end, int size, String what) {
    if (end - pos < size) {
      throw corrupt("the file ends inside " + what + " at byte " + pos + " (" + size + " bytes expected, "
          + (end - pos) + " remain); it is truncated or corrupt");
    }
    return pos + size;
  }

  private static String fieldPath(String path, FieldDescriptor field, int number, Map<Integer, Integer> seen) {
    String name = field == null ? "field " + number : field.getName();
    String prefix = path.isEmpty() ? "" : path + ".";
    if (field != null && field.isRepeated()) {
      int index = seen.merge(number, 1, Integer::sum) - 1;
      return prefix + name + "[" + index + "]";
    }
    return prefix + name;
  }

  private static String where(String path, int offset) {
    return (path.isEmpty() ? "the top level" : path) + " (byte " + offset + ")";
  }

  private ModelFormatException corrupt(String message) {
    return new ModelFormatException(file, "not a readable ONNX model: " + message);
  }
}
