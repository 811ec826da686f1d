package io.jdnn.data.hdf5;

import io.jdnn.data.io.DataFormatException;
import io.jdnn.data.io.FileFormatException;
import io.jhdf.HdfFile;
import io.jhdf.Superblock;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.StringData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
  private static final Logger LOG = LoggerFactory.getLogger(Hdf5File.class);
  private final Path path;
  private final HdfFile hdf;
  private final long size;

  private Hdf5File(Path path, HdfFile hdf, long size) {
    this.path = path;
    this.hdf = hdf;
    this.size = size;
  }

  /** Opens {@code path}; a missing, unreadable or non-HDF5 file is a {@link DataFormatException}. */
  public static Hdf5File open(Path path) {
    return new Hdf5File(path, openGuarded(path, "file", DataFormatException::new), fileSize(path, DataFormatException::new));
  }

  /** Makes the typed exception a reader throws for a problem with {@code path}. */
  @FunctionalInterface
  public interface Failure {
    FileFormatException of(Path path, String message, Throwable cause);
  }

  /**
   * The one guarded open of an HDF5 file, for every reader (datasets, model files, checkpoints):
   * the file must exist, be a readable regular file, not be empty, open as HDF5, and be at least as
   * long as its superblock says. Each problem becomes {@code failure}'s exception, naming the file;
   * {@code kind} names what was expected in "no such {kind}" ("file", "model file").
   */
  public static HdfFile openGuarded(Path path, String kind, Failure failure) {
    if (!Files.isRegularFile(path)) {
      throw failure.of(path, Files.isDirectory(path) ? "is a directory, expected a " + kind : "no such " + kind, null);
    }
    if (!Files.isReadable(path)) {
      throw failure.of(path, "the file is not readable", null);
    }
    long size = fileSize(path, failure);
    if (size == 0) {
      throw failure.of(path, "the file is empty (0 bytes), expected an HDF5 " + kind, null);
    }
    HdfFile hdf;
    try {
      hdf = new HdfFile(path);
    } catch (RuntimeException | Error e) {
      throw failure.of(path, "not a readable HDF5 file (" + describe(e) + ")", e);
    }
    return checked(path, hdf, size, failure);
  }

  /**
   * An HDF5 file held in memory, such as a resource inside a jar, with the same guards as
   * {@link #open}; {@code name} stands for it in messages and is {@link #path()}.
   *
   * <pre>{@code
   * try (Hdf5File file = Hdf5File.fromBytes(Path.of("built-in", "train_catvnoncat.h5"), bytes)) { ... }
   * }</pre>
   */
  public static Hdf5File fromBytes(Path name, byte[] contents) {
    if (contents.length == 0) {
      throw new DataFormatException(name, "the file is empty (0 bytes), expected an HDF5 file");
    }
    HdfFile hdf;
    try {
      hdf = HdfFile.fromBytes(contents);
    } catch (RuntimeException | Error e) {
      throw new DataFormatException(name, "not a readable HDF5 file (" + describe(e) + ")", e);
    }
    return new Hdf5File(name, checked(name, hdf, contents.length, DataFormatException::new), contents.length);
  }

  /** {@code hdf} if it is as long as its superblock says, else closed and a failure. */
  private static HdfFile checked(Path path, HdfFile hdf, long size, Failure failure) {
    try {
      checkLength(path, hdf, size, failure);
    } catch (RuntimeException e) {
      closeQuietly(hdf);
      throw e;
    }
    return hdf;
  }

  /**
   * The guard against truncated files: the superblock records where the file ends, and a file
   * shorter than that has lost data. jhdf does not check this; it would read past the end later,
   * deep inside some dataset, with a less useful message or none (HDF5's own library refuses such
   * files at open for the same reason).
   */
  private static void checkLength(Path path, HdfFile hdf, long size, Failure failure) {
    long end;
    try {
      Superblock superblock = hdf.getHdfBackingStorage().getSuperblock();
      end = superblock.getBaseAddressByte() + superblock.getEndOfFileAddress();
    } catch (RuntimeException | Error e) {
      throw failure.of(path, "not a readable HDF5 file (" + describe(e) + ")", e);
    }
    if (end > size) {
      throw failure.of(path, "the file is truncated or its header is damaged: it has " + size
          + " bytes, its HDF5 superblock says it ends at byte " + end, null);
    }
  }

  private static long fileSize(Path path, Failure failure) {
    try {
      return Files.size(path);
    } catch (IOException e) {
      throw failure.of(path, "cannot read the file size (" + describe(e) + ")", e);
    }
  }

  private static void closeQuietly(HdfFile hdf) {
    try {
      hdf.close();
    } catch (RuntimeException e) {
      LOG.debug("closing a rejected file failed", e);
    }
  }

  /** Bytes before the HDF5 data proper (a user block); addresses in the file count from there. */
  public long userBlockSize() {
    return hdf.getUserBlockSize();
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
      // The doubles, and as much again for jhdf's raw array and the copy a caller such as LabeledImages makes.
      checkDeclaredSize(dataset, name, shape, 2 * Double.BYTES);
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
      checkDeclaredSize(dataset, name, dataset.getDimensions(), 64);
      Object flat = dataset.getDataFlat();
      return flat instanceof String[] s ? List.of(s) : List.of(String.valueOf(flat));
    } catch (DataFormatException e) {
      throw e;
    } catch (RuntimeException | Error e) {
      throw new DataFormatException(path, "cannot read dataset '" + name + "' (" + describe(e) + ")", e);
    }
  }

  /**
   * The guard against damaged sizes: a corrupt dataspace can declare billions of elements, and jhdf
   * would allocate them (an OutOfMemoryError, or a NegativeArraySizeException once the count
   * overflows an int) before finding that the file does not hold them. So the declared size is
   * checked first: against the bytes the file really has (for contiguous storage, which must lie
   * inside the file) and against the heap the values will take once read.
   *
   * @param bytesPerValue what one element costs on the heap after reading
   */
  private void checkDeclaredSize(Dataset dataset, String name, int[] shape, long bytesPerValue) {
    long count = checkStorage(dataset, name, shape);
    long heap = count * bytesPerValue;
    long free = Runtime.getRuntime().maxMemory() - (Runtime.getRuntime().totalMemory()
        - Runtime.getRuntime().freeMemory());
    if (heap > free) {
      throw new DataFormatException(path, "dataset '" + name + "' declares shape " + Arrays.toString(shape) + " ("
          + count + " values, " + heap / (1 << 20) + " MiB once read), more than the " + free / (1 << 20)
          + " MiB this JVM has free; read it in slices (Hdf5Batches) or raise -Xmx");
    }
  }

  /**
   * Checks a dataset's declared shape against what the file holds and returns its element count:
   * no negative dimension, at most {@link #MAX_VALUES} elements, and contiguous storage inside the
   * file. {@link Hdf5Batches} calls it before reading slices of a dataset too big to read whole.
   */
  public long checkStorage(Dataset dataset, String name, int[] shape) {
    long count = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new DataFormatException(path, "dataset '" + name + "' declares a negative dimension in shape "
            + Arrays.toString(shape));
      }
      count = count > 0 && d > Long.MAX_VALUE / count ? Long.MAX_VALUE : count * d;
    }
    if (count > MAX_VALUES) {
      throw new DataFormatException(path, "dataset '" + name + "' declares shape " + Arrays.toString(shape) + " ("
          + count + " values), more than one Java array can hold (" + MAX_VALUES + ")");
    }
    if (dataset instanceof ContiguousDataset contiguous && count > 0) {
      long elementSize = dataset.getDataType().getSize();
      long address = contiguous.getDataAddress();
      long bytes = count * elementSize;
      if (address < 0 || address > size || bytes > size - address) {
        throw new DataFormatException(path, "dataset '" + name + "' declares shape " + Arrays.toString(shape) + " ("
            + bytes + " bytes from byte " + address + "), but the file has only " + size
            + " bytes: it is truncated or its header is damaged");
      }
    }
    return count;
  }

  /** The element type of dataset {@code name} as text, e.g. {@code uint8}. */
  public String typeOf(String name) {
    return typeName(dataset(name).getDataType());
  }

  /** The dataset {@code name}, or a {@link DataFormatException} naming the file when it is missing or not a dataset. */
  public Dataset dataset(String name) {
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
  public static String typeName(DataType type) {
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

  /** The most values a dataset may declare: the longest Java array most JVMs allow. */
  static final long MAX_VALUES = Integer.MAX_VALUE - 8;

  public static String describe(Throwable e) {
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
