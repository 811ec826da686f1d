package io.jdnn.data;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.StringData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A read-only HDF5 file (read with jhdf, pure Java) whose datasets come out as
 * {@link NumericArray}s or strings. Every failure, including a corrupt file that makes jhdf throw
 * anything at all, becomes a {@link DataFormatException} naming the file and the dataset.
 *
 * <pre>{@code
 * try (Hdf5File file = Hdf5File.open(Path.of("train_catvnoncat.h5"))) {
 *   NumericArray x = file.numeric("train_set_x");
 * }
 * }</pre>
 */
public final class Hdf5File implements AutoCloseable {
  private final Path path;
  private final HdfFile hdf;

  private Hdf5File(Path path, HdfFile hdf) {
    this.path = path;
    this.hdf = hdf;
  }

  /** Opens {@code path}; a missing, unreadable or non-HDF5 file is a {@link DataFormatException}. */
  public static Hdf5File open(Path path) {
    if (!Files.isRegularFile(path)) {
      throw new DataFormatException(path, "no such file" + (Files.isDirectory(path) ? " (it is a directory)" : ""));
    }
    if (!Files.isReadable(path)) {
      throw new DataFormatException(path, "the file is not readable");
    }
    try {
      return new Hdf5File(path, new HdfFile(path));
    } catch (RuntimeException | Error e) {
      throw new DataFormatException(path, "not a readable HDF5 file (" + describe(e) + ")", e);
    }
  }

  /** The file's path. */
  public Path path() {
    return path;
  }

  /** Names of the datasets at the file's top level, sorted. */
  public Set<String> datasetNames() {
    try {
      Set<String> names = new TreeSet<>();
      for (Node node : hdf.getChildren().values()) {
        if (node instanceof Dataset) {
          names.add(node.getName());
        }
      }
      return names;
    } catch (RuntimeException | Error e) {
      throw new DataFormatException(path, "cannot list the datasets (" + describe(e) + ")", e);
    }
  }

  /**
   * The numeric dataset {@code name}, any integer or floating-point type, as doubles.
   *
   * @throws DataFormatException when it is missing, not numeric or cannot be read
   */
  public NumericArray numeric(String name) {
    Dataset dataset = dataset(name);
    try {
      DataType type = dataset.getDataType();
      if (!(type instanceof FixedPoint) && !(type instanceof FloatingPoint)) {
        throw new DataFormatException(path, "dataset '" + name + "' holds " + typeName(type) + ", expected numbers");
      }
      int[] shape = dataset.getDimensions();
      return new NumericArray(path, name, shape.clone(), typeName(type), toDoubles(dataset.getDataFlat(), name));
    } catch (DataFormatException e) {
      throw e;
    } catch (RuntimeException | Error e) {
      throw new DataFormatException(path, "cannot read dataset '" + name + "' (" + describe(e) + ")", e);
    }
  }

  /** The string dataset {@code name} (e.g. {@code list_classes}), flattened. */
  public List<String> strings(String name) {
    Dataset dataset = dataset(name);
    try {
      if (!(dataset.getDataType() instanceof StringData)) {
        throw new DataFormatException(path, "dataset '" + name + "' holds " + typeName(dataset.getDataType())
            + ", expected strings");
      }
      Object flat = dataset.getDataFlat();
      return flat instanceof String[] s ? List.of(s) : List.of(String.valueOf(flat));
    } catch (DataFormatException e) {
      throw e;
    } catch (RuntimeException | Error e) {
      throw new DataFormatException(path, "cannot read dataset '" + name + "' (" + describe(e) + ")", e);
    }
  }

  /** The element type of dataset {@code name} as text, e.g. {@code uint8}. */
  public String typeOf(String name) {
    return typeName(dataset(name).getDataType());
  }

  private Dataset dataset(String name) {
    Node node;
    try {
      node = hdf.getChildren().get(name);
    } catch (RuntimeException | Error e) {
      throw new DataFormatException(path, "cannot list the datasets (" + describe(e) + ")", e);
    }
    if (node == null) {
      throw new DataFormatException(path, "has no dataset '" + name + "'; it has " + datasetNames());
    }
    if (!(node instanceof Dataset dataset)) {
      throw new DataFormatException(path, "'" + name + "' is a group, expected a dataset");
    }
    return dataset;
  }

  /** HDF5 types in NumPy's words: uint8, int64, float32, string. */
  static String typeName(DataType type) {
    if (type instanceof FixedPoint f) {
      return (f.isSigned() ? "int" : "uint") + f.getSize() * 8;
    }
    if (type instanceof FloatingPoint f) {
      return "float" + f.getSize() * 8;
    }
    if (type instanceof StringData) {
      return "string";
    }
    return type == null ? "nothing" : type.getClass().getSimpleName();
  }

  private double[] toDoubles(Object flat, String name) {
    if (flat instanceof double[] d) {
      return d;
    }
    if (flat instanceof float[] f) {
      double[] d = new double[f.length];
      for (int i = 0; i < f.length; i++) {
        d[i] = f[i];
      }
      return d;
    }
    if (flat instanceof int[] a) {
      return Arrays.stream(a).asDoubleStream().toArray();
    }
    if (flat instanceof long[] a) {
      return Arrays.stream(a).asDoubleStream().toArray();
    }
    if (flat instanceof short[] a) {
      double[] d = new double[a.length];
      for (int i = 0; i < a.length; i++) {
        d[i] = a[i];
      }
      return d;
    }
    if (flat instanceof byte[] a) {
      double[] d = new double[a.length];
      for (int i = 0; i < a.length; i++) {
        d[i] = a[i];
      }
      return d;
    }
    throw new DataFormatException(path, "dataset '" + name + "' came back as "
        + (flat == null ? "nothing" : flat.getClass().getSimpleName()) + ", expected a numeric array");
  }

  static String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  @Override
  public void close() {
    try {
      hdf.close();
    } catch (RuntimeException e) {
      throw new DataFormatException(path, "cannot close (" + describe(e) + ")", e);
    }
  }

  @Override
  public String toString() {
    return "Hdf5File(" + path + ")";
  }

}
