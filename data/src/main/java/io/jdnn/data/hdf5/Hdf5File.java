package io.jdnn.data.hdf5;

import io.jdnn.core.memory.Heap;
import io.jdnn.data.io.DataFormatException;
import io.jdnn.data.io.FileFormatException;
import io.jdnn.data.io.InputFiles;
import io.jhdf.HdfFile;
import io.jhdf.Superblock;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.exceptions.HdfException;
import io.jhdf.filter.PipelineFilterWithData;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.StringData;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.Inflater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A read-only HDF5 file (read with jhdf, pure Java) whose datasets come out as
 * {@link NumericArray}s or strings: the one place where HDF5 files are opened and guarded, for
 * data files and model files alike.
 *
 * <p><b>Guards.</b> jhdf believes what a file declares; a damaged or hostile file declares a lot.
 * Before jhdf reads anything this class checks, and refuses with a message naming the file, the
 * dataset and the numbers:
 * <ul>
 *   <li>the path is a regular, readable file ({@link InputFiles});
 *   <li>the file is as long as its superblock says (a truncated file is refused at open);
 *   <li>a dataset's declared shape: no negative size, at most one Java array of values, contiguous
 *       storage inside the file, and its values fit in the heap that is really usable ({@link Heap},
 *       which also holds under the serial collector);
 *   <li>chunked storage: only filters whose output it can bound (deflate, shuffle, Fletcher-32),
 *       and every chunk inflates to exactly the bytes its declared chunk shape holds. A chunk that
 *       tries to inflate further (a decompression bomb: 260 KB of gzip inflating to 256 MB) is
 *       refused as soon as it passes that size, with 64 KB of buffer, before jhdf inflates it.
 * </ul>
 * jhdf's own exception ({@link HdfException}) on a damaged structure becomes the documented
 * exception with the dataset or attribute it was reading; an {@link Error} is never caught.
 *
 * <p>Data files get {@link DataFormatException}s; a reader of another kind of file (model files)
 * opens with its own {@link Failure} and gets its own exception type from the same checks.
 *
 * <pre>{@code
 * try (Hdf5File file = Hdf5File.open(Path.of("train_catvnoncat.h5"))) {
 *   NumericArray x = file.numeric("train_set_x");
 * }
 * }</pre>
 */
public final class Hdf5File implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Hdf5File.class);
  private static final int DEFLATE = 1;
  private static final int SHUFFLE = 2;
  private static final int FLETCHER32 = 3;
  /** The bytes a Fletcher-32 filter appends to a chunk. */
  private static final int CHECKSUM_BYTES = 4;

  /** Makes the typed exception a reader throws for a problem with a file, e.g. {@code DataFormatException::new}. */
  @FunctionalInterface
  public interface Failure {
    /** The exception for {@code message} about {@code path}; {@code cause} may be null. */
    FileFormatException of(Path path, String message, Throwable cause);
  }

  private final Path path;
  private final HdfFile hdf;
  private final long size;
  private final Failure refusal;

  private Hdf5File(Path path, HdfFile hdf, long size, Failure refusal) {
    this.path = path;
    this.hdf = hdf;
    this.size = size;
    this.refusal = refusal;
  }

  /** Opens the data file {@code path}; every problem is a {@link DataFormatException}. */
  public static Hdf5File open(Path path) {
    return open(path, "file", DataFormatException::new);
  }

  /**
   * The guarded open for a reader that works on jhdf's file itself: every check of
   * {@link #open(Path, String, Failure)}, then the {@link HdfFile} (the caller closes it). Reading
   * datasets through {@link #open(Path, String, Failure)} adds the checks on declared sizes and chunks.
   */
  public static HdfFile openGuarded(Path path, String kind, Failure failure) {
    return open(path, kind, failure).hdf;
  }

  /**
   * Opens {@code path}, a {@code kind} of HDF5 file (for messages, e.g. {@code "model file"}),
   * with problems reported through {@code refusal}.
   */
  public static Hdf5File open(Path path, String kind, Failure refusal) {
    String problem = InputFiles.problem(path, kind);
    if (problem != null) {
      throw refusal.of(path, problem, null);
    }
    long size;
    try {
      size = Files.size(path);
    } catch (IOException e) {
      throw refusal.of(path, "cannot read the file size (" + describe(e) + ")", e);
    }
    if (size == 0) {
      throw refusal.of(path, "the file is empty (0 bytes), expected " + InputFiles.article(kind) + kind, null);
    }
    Superblocks.check(path, size, kind, refusal);
    HdfFile hdf;
    try {
      hdf = new HdfFile(path);
    } catch (HdfException | ArithmeticException e) {
      // jhdf reads the superblock's addresses as unsigned numbers and throws ArithmeticException for
      // one that does not fit: a damaged header, said as such.
      throw refusal.of(path, "not a readable HDF5 file (" + describe(e) + "), expected " + InputFiles.article(kind) + kind, e);
    }
    return checked(new Hdf5File(path, hdf, size, refusal));
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
    } catch (HdfException e) {
      throw new DataFormatException(name, "not a readable HDF5 file (" + describe(e) + ")", e);
    }
    return checked(new Hdf5File(name, hdf, contents.length, DataFormatException::new));
  }

  /** {@code file} if it is as long as its superblock says, else closed and a failure. */
  private static Hdf5File checked(Hdf5File file) {
    try {
      file.checkLength();
    } catch (RuntimeException e) {
      closeQuietly(file.hdf);
      throw e;
    }
    return file;
  }

  /**
   * The guard against truncated files: the superblock records where the file ends, and a file
   * shorter than that has lost data. jhdf does not check this; it would read past the end later,
   * deep inside some dataset (HDF5's own library refuses such files at open for the same reason).
   * The HDF5 library writes that address as the file's length, user block included: an h5py file
   * with {@code userblock_size=512} of 2,654 bytes records 2,654, with base address 512.
   */
  private void checkLength() {
    Superblock superblock = hdf.getHdfBackingStorage().getSuperblock();
    long end = superblock.getEndOfFileAddress();
    if (end < 0 || end > size) {
      throw refusal.of(path, "the file is truncated or its header is damaged: it has " + size
          + " bytes, its HDF5 superblock says it ends at byte " + Long.toUnsignedString(end), null);
    }
  }

  private static void closeQuietly(HdfFile hdf) {
    try {
      hdf.close();
    } catch (HdfException e) {
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

  /** The file's length in bytes. */
  public long size() {
    return size;
  }

  /** A problem with this file, as the reader that opened it reports it. */
  public FileFormatException refuse(String message, Throwable cause) {
    return refusal.of(path, message, cause);
  }

  /** Names of the datasets at the file's top level, sorted. */
  public Set<String> datasetNames() {
    return new TreeSet<>(datasets().keySet());
  }

  /** The datasets at the file's top level, in the file's order. */
  public Map<String, Dataset> datasets() {
    Map<String, Dataset> datasets = new LinkedHashMap<>();
    try {
      for (Node node : hdf.getChildren().values()) {
        if (node instanceof Dataset d) {
          datasets.put(node.getName(), d);
        }
      }
    } catch (HdfException e) {
      throw refuse("cannot list the datasets: the file's root group cannot be read, it is truncated or damaged ("
          + describe(e) + ")", e);
    }
    return datasets;
  }

  /** The value of the root attribute {@code name}, or null when the file has none. */
  public Object attribute(String name) {
    try {
      Attribute attribute = hdf.getAttribute(name);
      return attribute == null ? null : attribute.getData();
    } catch (HdfException e) {
      throw refuse("cannot read attribute '" + name + "'; the file is damaged (" + describe(e) + ")", e);
    }
  }

  /**
   * The numeric dataset {@code name}, any integer or floating-point type, as doubles.
   *
   * @throws DataFormatException (or the opener's type) when it is missing, not numeric, declares
   *     more than the file or the heap holds, or cannot be read
   */
  public NumericArray numeric(String name) {
    Dataset dataset = dataset(name);
    DataType type = dataType(dataset, name);
    if (!(type instanceof FixedPoint) && !(type instanceof FloatingPoint)) {
      throw refuse("dataset '" + name + "' holds " + typeName(type) + ", expected numbers", null);
    }
    if (type instanceof FixedPoint f && f.getSize() > 4 && !f.isSigned()) {
      // jhdf gives uint64 as BigInteger objects; no pixel, label or weight is stored so.
      throw refuse("dataset '" + name + "' holds uint64, expected numbers of at most 32 bits or signed int64", null);
    }
    int[] shape = dimensions(dataset, name);
    // The doubles, jhdf's raw array (at most as large) and the copy a caller such as LabeledImages makes.
    long count = checkReadable(dataset, name, shape, 2 * Double.BYTES + type.getSize());
    if (count == 0) {
      return new NumericArray(path, name, shape.clone(), typeName(type), new double[0]);
    }
    Object flat = readFlat(dataset, name, shape);
    return new NumericArray(path, name, shape.clone(), typeName(type), toDoubles(flat, name, shape, count));
  }

  /** The string dataset {@code name} (e.g. {@code list_classes}), flattened. */
  public List<String> strings(String name) {
    Dataset dataset = dataset(name);
    DataType type = dataType(dataset, name);
    if (!(type instanceof StringData)) {
      throw refuse("dataset '" + name + "' holds " + typeName(type) + ", expected strings", null);
    }
    int[] shape = dimensions(dataset, name);
    long count = checkReadable(dataset, name, shape, 64 + type.getSize());
    if (count == 0) {
      return List.of();
    }
    Object flat = readFlat(dataset, name, shape);
    if (flat instanceof String[] s) {
      return List.of(s);
    }
    if (flat instanceof String s) {
      return List.of(s);
    }
    throw refuse("dataset '" + name + "' of strings came back from jhdf as " + className(flat) + " of shape "
        + Arrays.toString(shape), null);
  }

  /**
   * Every check that comes before reading dataset {@code name} whole: its declared shape against
   * the file's storage ({@link #checkStorage}), then against the heap, where one value takes
   * {@code bytesPerValue} once read. Returns the number of values.
   */
  public long checkReadable(Dataset dataset, String name, int[] shape, long bytesPerValue) {
    long count = checkStorage(dataset, name, shape);
    if (dataset instanceof ChunkedDataset chunked && count > 0) {
      checkChunks(chunked, name, shape, new long[shape.length], shape);
    }
    String noRoom = Heap.refusal(Heap.bytes(count, bytesPerValue));
    if (noRoom != null) {
      throw refuse("dataset '" + name + "' declares shape " + Arrays.toString(shape) + " (" + count
          + " values); reading it whole " + noRoom + "; or read it in slices (Hdf5Batches)", null);
    }
    return count;
  }

  /**
   * Checks a dataset's declared shape against what the file holds and returns its element count:
   * no negative dimension, at most {@link Heap#MAX_ARRAY} elements, and contiguous storage inside
   * the file. {@code Hdf5Batches} calls it before reading slices of a dataset too big to read whole.
   */
  public long checkStorage(Dataset dataset, String name, int[] shape) {
    long count = 1;
    for (int d : shape) {
      if (d < 0) {
        throw refuse("dataset '" + name + "' declares a negative dimension in shape " + Arrays.toString(shape), null);
      }
      count = Heap.bytes(count, d);
    }
    if (count > Heap.MAX_ARRAY) {
      throw refuse("dataset '" + name + "' declares shape " + Arrays.toString(shape) + " (" + count
          + " values), more than one Java array can hold (" + Heap.MAX_ARRAY + ")", null);
    }
    if (count > 0 && isEmpty(dataset, name)) {
      throw refuse("dataset '" + name + "' " + (shape.length == 0 ? "has no data (an HDF5 null dataspace, as h5py.Empty"
          + " writes)" : "of shape " + Arrays.toString(shape) + " has no data written (no storage allocated)")
          + ", expected " + (shape.length == 0 ? "an array of values" : "its " + count + " values"), null);
    }
    if (dataset instanceof ContiguousDataset contiguous && count > 0) {
      long elementSize = dataType(dataset, name).getSize();
      long address = contiguous.getDataAddress();
      long start = address < 0 ? -1 : Heap.sum(userBlockSize(), address);
      long bytes = Heap.bytes(count, elementSize);
      if (start < 0 || start > size || bytes > size - start) {
        throw refuse("dataset '" + name + "' declares shape " + Arrays.toString(shape) + " (" + bytes
            + " bytes from byte " + start + "), but the file has only " + size
            + " bytes: it is truncated or its header is damaged", null);
      }
    }
    return count;
  }

  /**
   * The guard against decompression bombs in chunked storage: every chunk that overlaps the slice
   * {@code [offset, offset + sliceShape)} must decode to exactly the bytes of its declared chunk
   * shape, which HDF5 stores whole even at the dataset's edges. Deflate streams are inflated here,
   * into a 64 KB buffer that is thrown away, and refused as soon as they pass that size, before
   * jhdf (which would grow an array until the heap runs out) sees them. A filter whose output this
   * cannot bound (LZF, LZ4, bitshuffle, third-party) is refused.
   */
  public void checkChunks(ChunkedDataset dataset, String name, int[] shape, long[] offset, int[] sliceShape) {
    int[] chunk;
    List<PipelineFilterWithData> filters;
    try {
      chunk = dataset.getChunkDimensions();
      filters = dataset.getFilters();
    } catch (HdfException e) {
      throw refuse("cannot read the chunk layout of dataset '" + name + "'; its header is damaged (" + describe(e)
          + ")", e);
    }
    if (chunk.length != shape.length) {
      throw refuse("dataset '" + name + "' of shape " + Arrays.toString(shape) + " declares chunks of shape "
          + Arrays.toString(chunk) + ", expected one size per dimension", null);
    }
    long chunkValues = 1;
    for (int c : chunk) {
      if (c < 1) {
        throw refuse("dataset '" + name + "' declares chunk shape " + Arrays.toString(chunk)
            + ", expected positive sizes", null);
      }
      chunkValues = Heap.bytes(chunkValues, c);
    }
    long chunkBytes = Heap.bytes(chunkValues, dataType(dataset, name).getSize());
    if (chunkBytes > Heap.MAX_ARRAY) {
      throw refuse("dataset '" + name + "' declares chunk shape " + Arrays.toString(chunk) + " (" + chunkBytes
          + " bytes), more than one Java array can hold", null);
    }
    boolean deflated = false;
    boolean checksummed = false;
    for (PipelineFilterWithData filter : filters) {
      switch (filter.getId()) {
        case DEFLATE -> deflated = true;
        case FLETCHER32 -> checksummed = true;
        case SHUFFLE -> { }
        default -> throw refuse("dataset '" + name + "' is stored with the HDF5 filter '" + filter.getName() + "' (id "
            + filter.getId() + "), whose output size jdnn cannot bound before decoding; jdnn reads uncompressed,"
            + " gzip (deflate), shuffle and fletcher32 datasets: re-save it with gzip", null);
      }
    }
    long stored = chunkBytes + (checksummed ? CHECKSUM_BYTES : 0);
    int rank = shape.length;
    int[] first = new int[rank];
    int[] last = new int[rank];
    for (int d = 0; d < rank; d++) {
      if (sliceShape[d] == 0) {
        return;
      }
      first[d] = (int) (offset[d] / chunk[d]);
      last[d] = (int) ((offset[d] + sliceShape[d] - 1) / chunk[d]);
    }
    byte[] buffer = deflated ? new byte[64 * 1024] : null;
    int[] index = first.clone();
    while (true) {
      int[] chunkOffset = new int[rank];
      for (int d = 0; d < rank; d++) {
        chunkOffset[d] = index[d] * chunk[d];
      }
      checkChunk(dataset, name, chunk, chunkOffset, chunkBytes, stored, deflated, buffer);
      int d = rank - 1;
      while (d >= 0 && ++index[d] > last[d]) {
        index[d] = first[d];
        d--;
      }
      if (d < 0) {
        return;
      }
    }
  }

  private void checkChunk(ChunkedDataset dataset, String name, int[] chunk, int[] chunkOffset, long chunkBytes,
      long stored, boolean deflated, byte[] buffer) {
    ByteBuffer raw;
    try {
      raw = dataset.getRawChunkBuffer(chunkOffset);
    } catch (HdfException e) {
      if (String.valueOf(e.getMessage()).startsWith("No chunk with offset")) {
        return; // never written: HDF5 reads it as the fill value, which jhdf allocates by the chunk shape
      }
      throw refuse("cannot read the chunk at " + Arrays.toString(chunkOffset) + " of dataset '" + name
          + "'; the file is truncated or damaged (" + describe(e) + ")", e);
    }
    String where = "the chunk at " + Arrays.toString(chunkOffset) + " of dataset '" + name + "' (chunk shape "
        + Arrays.toString(chunk) + ", " + chunkBytes + " bytes)";
    if (!deflated) {
      if (raw.remaining() != stored) {
        throw refuse(where + " is stored in " + raw.remaining() + " bytes, expected " + stored
            + " for an uncompressed chunk; the file is damaged", null);
      }
      return;
    }
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(raw);
      long inflated = 0;
      while (!inflater.finished()) {
        int n = inflater.inflate(buffer);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw refuse(where + " is a deflate stream that ends early, after " + inflated + " of its " + chunkBytes
              + " bytes; the file is truncated or damaged", null);
        }
        inflated += n;
        if (inflated > chunkBytes) {
          throw refuse(where + " inflates to more than the " + chunkBytes + " bytes its declared chunk shape holds"
              + " (refused after " + inflated + " bytes from " + raw.capacity() + " stored): a decompression bomb or a"
              + " damaged file", null);
        }
      }
      if (inflated != chunkBytes) {
        throw refuse(where + " inflates to " + inflated + " bytes, expected " + chunkBytes
            + "; the file is damaged", null);
      }
    } catch (java.util.zip.DataFormatException e) {
      throw refuse(where + " is not a valid deflate stream (" + e.getMessage() + "); the file is damaged", e);
    } finally {
      inflater.end();
    }
  }

  private boolean isEmpty(Dataset dataset, String name) {
    try {
      return dataset.isEmpty();
    } catch (HdfException e) {
      throw refuse("cannot read the storage of dataset '" + name + "'; its header is damaged (" + describe(e) + ")", e);
    }
  }

  /** Reads dataset {@code name} whole, after {@link #checkReadable}. */
  private Object readFlat(Dataset dataset, String name, int[] shape) {
    try {
      return dataset.getDataFlat();
    } catch (HdfException e) {
      throw refuse("cannot read dataset '" + name + "' of shape " + Arrays.toString(shape)
          + "; the file is truncated or damaged (" + describe(e) + ")", e);
    }
  }

  /** The element type of dataset {@code name} as text, e.g. {@code uint8}. */
  public String typeOf(String name) {
    Dataset dataset = dataset(name);
    return typeName(dataType(dataset, name));
  }

  /** The dataset {@code name}, or the opener's exception when it is missing or not a dataset. */
  public Dataset dataset(String name) {
    Node node;
    try {
      node = hdf.getChildren().get(name);
    } catch (HdfException e) {
      throw refuse("cannot list the datasets: the file's root group cannot be read, it is truncated or damaged ("
          + describe(e) + ")", e);
    }
    if (node == null) {
      throw refuse("has no dataset '" + name + "'; it has " + datasetNames(), null);
    }
    if (!(node instanceof Dataset dataset)) {
      throw refuse("'" + name + "' is a group, expected a dataset", null);
    }
    return dataset;
  }

  /** The declared shape of {@code dataset}. */
  public int[] dimensions(Dataset dataset, String name) {
    try {
      return dataset.getDimensions();
    } catch (HdfException e) {
      throw refuse("cannot read the shape of dataset '" + name + "'; its header is damaged (" + describe(e) + ")", e);
    }
  }

  /** The element type of {@code dataset}. */
  public DataType dataType(Dataset dataset, String name) {
    try {
      return dataset.getDataType();
    } catch (HdfException e) {
      throw refuse("cannot read the type of dataset '" + name + "'; its header is damaged (" + describe(e) + ")", e);
    }
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

  private double[] toDoubles(Object flat, String name, int[] shape, long count) {
    if (flat == null || !flat.getClass().isArray() || Array.getLength(flat) != count) {
      throw refuse("dataset '" + name + "' of shape " + Arrays.toString(shape) + " came back from jhdf as "
          + className(flat) + (flat != null && flat.getClass().isArray() ? " of " + Array.getLength(flat) + " values" : "")
          + ", expected " + count + " numbers", null);
    }
    if (flat instanceof double[] d) {
      return d;
    }
    double[] d = new double[(int) count];
    if (flat instanceof float[] a) {
      for (int i = 0; i < a.length; i++) {
        d[i] = a[i];
      }
    } else if (flat instanceof int[] a) {
      for (int i = 0; i < a.length; i++) {
        d[i] = a[i];
      }
    } else if (flat instanceof long[] a) {
      for (int i = 0; i < a.length; i++) {
        d[i] = a[i];
      }
    } else if (flat instanceof short[] a) {
      for (int i = 0; i < a.length; i++) {
        d[i] = a[i];
      }
    } else if (flat instanceof byte[] a) {
      for (int i = 0; i < a.length; i++) {
        d[i] = a[i];
      }
    } else {
      throw refuse("dataset '" + name + "' of shape " + Arrays.toString(shape) + " came back from jhdf as "
          + className(flat) + ", expected numbers", null);
    }
    return d;
  }

  private static String className(Object value) {
    return value == null ? "nothing" : value.getClass().getSimpleName();
  }

  /** An exception as text for a message: its simple class name and its message. */
  public static String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /** The underlying jhdf file, for readers that need more than datasets (e.g. attributes of datasets). */
  public HdfFile hdf() {
    return hdf;
  }

  @Override
  public void close() {
    try {
      hdf.close();
    } catch (HdfException e) {
      throw refuse("cannot close (" + describe(e) + ")", e);
    }
  }

  @Override
  public String toString() {
    return "Hdf5File(" + path + ")";
  }
}
