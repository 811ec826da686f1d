package io.jdnn.data.checkpoint;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.nn.Parameter;
import io.jdnn.core.nn.Sequential;
import io.jdnn.core.training.state.TrainingState;
import io.jdnn.core.training.state.TrainingState.Doubles;
import io.jdnn.core.training.state.TrainingState.Entry;
import io.jdnn.core.training.state.TrainingState.Longs;
import io.jdnn.core.training.state.TrainingState.Text;
import io.jdnn.data.io.AtomicFiles;
import io.jdnn.data.io.FileFormatException;
import io.jdnn.data.model.ModelFile;
import io.jdnn.data.model.ModelFormatException;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.StringData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.CRC32;

/**
 * A training checkpoint in an HDF5 file (written and read with jhdf): the model at that moment,
 * laid out exactly as a model file, so that {@link ModelFile#load} (and h5py) open a checkpoint as
 * a model, plus everything else of a {@link TrainingState} in one group.
 *
 * <p><b>Layout</b> (checkpoint format version {@value #FORMAT_VERSION}):
 * <ul>
 *   <li>the root is a model file ({@link ModelFile}): its version and architecture attributes and
 *       the weights {@code W1, b1, ...}, each with its CRC-32; these are the state's entries
 *       {@code model.W1, model.b1, ...};
 *   <li>group {@value #GROUP} holds every other entry of the state as a dataset of the same name
 *       ({@code optimizer.m.0}, {@code trainer.costs}, ...): doubles as a 2-D float64 array,
 *       integers as a 1-D int64 array, text as a string; each with attribute {@code crc32} of its
 *       content (big-endian IEEE 754 doubles or 64-bit integers, or UTF-8);
 *   <li>on the group, attribute {@value #VERSION_ATTRIBUTE} (the integer {@value #FORMAT_VERSION})
 *       and attribute {@value #ENTRIES_ATTRIBUTE}: the names of the group's datasets, one per line,
 *       in the state's order, with its CRC-32 in {@value #ENTRIES_CHECKSUM_ATTRIBUTE}, so that a
 *       lost dataset is noticed.
 * </ul>
 * Arrays must not be empty (jhdf writes no empty arrays). A later version reads every earlier
 * one: a checkpoint of version 1 is kept in the tests as a golden file.
 *
 * <p><b>Writing</b> is atomic and forced to the disk ({@link AtomicFiles}), as model saves are: a
 * crash or a kill during the write leaves the previous checkpoint whole. A write also deletes the
 * temporary files that earlier writers of the same checkpoint, killed during a write, left behind.
 *
 * <p><b>Reading</b> checks the model part as {@link ModelFile#load} does, then the version, the
 * list of entries and every checksum; every problem is a {@link CheckpointFormatException} naming
 * the file and the entry.
 *
 * <pre>{@code
 * trainer.checkpoints(10, (state, epoch) -> CheckpointFile.write(path, model, state));
 * ...
 * Checkpoint c = CheckpointFile.read(path, model);      // refused if of another architecture
 * trainer.resumeFrom(c.state()).train(x, y, epochs);
 * }</pre>
 */
public final class CheckpointFile {
  /** The version this code writes and the newest it reads. */
  public static final int FORMAT_VERSION = 1;
  /** The group holding the state's entries beside the model. */
  public static final String GROUP = "jdnn_checkpoint";
  /** Attribute of {@link #GROUP} holding {@link #FORMAT_VERSION}. */
  public static final String VERSION_ATTRIBUTE = "jdnn_checkpoint_version";
  /** Attribute of {@link #GROUP} holding the entry names, one per line. */
  public static final String ENTRIES_ATTRIBUTE = "jdnn_entries";
  /** Attribute of {@link #GROUP} holding the CRC-32 of {@link #ENTRIES_ATTRIBUTE}. */
  public static final String ENTRIES_CHECKSUM_ATTRIBUTE = "jdnn_entries_crc32";
  /** The scope of the model's weights in a state: {@code model.W1, model.b1, ...}. */
  public static final String MODEL_SCOPE = "model";
  private static final String CHECKSUM = ModelFile.CHECKSUM_ATTRIBUTE;

  private CheckpointFile() {}

  /**
   * Writes {@code state}, taken from a run training {@code model} (its weights are the state's
   * {@code model.*} entries), to {@code path}, atomically.
   *
   * @throws IllegalArgumentException when the state's weights are not the model's, or an entry is empty
   * @throws CheckpointFormatException when the file cannot be written; any previous file is unchanged
   */
  public static void write(Path path, Sequential model, TrainingState state) {
    Map<String, Parameter> weights = model.namedTensors();
    TrainingState modelScope = state.scope(MODEL_SCOPE);
    for (Map.Entry<String, Parameter> w : weights.entrySet()) {
      Matrix value = w.getValue().value();
      if (!modelScope.contains(w.getKey())
          || !Arrays.equals(modelScope.doubles(w.getKey()), value.data())) {
        throw new IllegalArgumentException("the state's entry '" + MODEL_SCOPE + "." + w.getKey()
            + "' is missing or not the weights of " + model + "; write the state of the run training this model");
      }
    }
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (Map.Entry<String, Entry> e : state.entries().entrySet()) {
      if (!e.getKey().startsWith(MODEL_SCOPE + ".")) {
        entries.put(e.getKey(), e.getValue());
      } else if (!weights.containsKey(e.getKey().substring(MODEL_SCOPE.length() + 1))) {
        throw new IllegalArgumentException("the state's entry '" + e.getKey() + "' is not a parameter of " + model);
      }
      if (e.getValue() instanceof Doubles d && d.values().length == 0
          || e.getValue() instanceof Longs l && l.values().length == 0) {
        throw new IllegalArgumentException("the state's entry '" + e.getKey() + "' is empty; a checkpoint holds"
            + " non-empty arrays");
      }
    }
    try {
      AtomicFiles.write(path, temporary -> {
        try (WritableHdfFile hdf = HdfFile.write(temporary)) {
          ModelFile.writeInto(hdf, model);
          WritableGroup group = hdf.putGroup(GROUP);
          group.putAttribute(VERSION_ATTRIBUTE, FORMAT_VERSION);
          String names = String.join("\n", entries.keySet());
          group.putAttribute(ENTRIES_ATTRIBUTE, names);
          group.putAttribute(ENTRIES_CHECKSUM_ATTRIBUTE, crc(names.getBytes(StandardCharsets.UTF_8)));
          for (Map.Entry<String, Entry> e : entries.entrySet()) {
            write(group, e.getKey(), e.getValue());
          }
        }
      });
    } catch (IOException | RuntimeException e) {
      throw new CheckpointFormatException(path, "cannot write the checkpoint (" + describe(e)
          + "); any previous checkpoint is unchanged", e);
    }
  }

  private static void write(WritableGroup group, String name, Entry entry) {
    if (entry instanceof Doubles d) {
      double[][] rows = new double[d.rows()][];
      for (int i = 0; i < d.rows(); i++) {
        rows[i] = Arrays.copyOfRange(d.values(), i * d.cols(), (i + 1) * d.cols());
      }
      group.putDataset(name, rows).putAttribute(CHECKSUM, crc(d.values()));
    } else if (entry instanceof Longs l) {
      group.putDataset(name, l.values().clone()).putAttribute(CHECKSUM, crc(l.values()));
    } else {
      String text = ((Text) entry).value();
      group.putDataset(name, text).putAttribute(CHECKSUM, crc(text.getBytes(StandardCharsets.UTF_8)));
    }
  }

  /**
   * Reads the checkpoint in {@code path}: its model and its whole state.
   *
   * @throws CheckpointFormatException when the file is missing, not HDF5, truncated, damaged, of a
   *     newer format or not a checkpoint (a model file, say)
   */
  public static Checkpoint read(Path path) {
    if (!Files.isRegularFile(path)) {
      throw new CheckpointFormatException(path, Files.isDirectory(path) ? "is a folder, expected a checkpoint file"
          : "no such checkpoint file");
    }
    Sequential model;
    try {
      model = ModelFile.load(path);
    } catch (ModelFormatException e) {
      throw new CheckpointFormatException(path, withoutFile(e), e);
    }
    TrainingState state = new TrainingState();
    TrainingState modelScope = state.scope(MODEL_SCOPE);
    for (Map.Entry<String, Parameter> w : model.namedTensors().entrySet()) {
      modelScope.putMatrix(w.getKey(), w.getValue().value());
    }
    long size;
    try {
      size = Files.size(path);
    } catch (IOException e) {
      throw new CheckpointFormatException(path, "cannot read the file size (" + describe(e) + ")", e);
    }
    try (HdfFile hdf = new HdfFile(path)) {
      Node node = hdf.getChild(GROUP);
      if (!(node instanceof Group group)) {
        throw new CheckpointFormatException(path, node == null
            ? "not a checkpoint: it has no group '" + GROUP + "' (a model file? --resume takes a file written by"
                + " --checkpoint)"
            : "'" + GROUP + "' is a dataset, expected a group");
      }
      checkVersion(path, group);
      List<String> names = entryNames(path, group);
      for (String name : names) {
        Node child = group.getChild(name);
        if (!(child instanceof Dataset dataset)) {
          throw new CheckpointFormatException(path, "entry '" + name + "' is listed but "
              + (child == null ? "missing" : "not a dataset") + "; the file is damaged");
        }
        state.put(name, read(path, name, dataset, size));
      }
      TreeSet<String> extra = new TreeSet<>(group.getChildren().keySet());
      extra.removeAll(names);
      if (!extra.isEmpty()) {
        throw new CheckpointFormatException(path, "group '" + GROUP + "' holds " + extra + ", which its list of"
            + " entries does not name; the file is damaged");
      }
    } catch (FileFormatException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CheckpointFormatException(path, "cannot read the checkpoint; the file is truncated or corrupt ("
          + describe(e) + ")", e);
    }
    return new Checkpoint(path, model, state);
  }

  /**
   * As {@link #read(Path)}, and checks that the checkpoint is of {@code model}'s architecture (the
   * same layers with the same settings).
   *
   * @throws CheckpointFormatException also when the checkpoint is of another architecture
   */
  public static Checkpoint read(Path path, Sequential model) {
    Checkpoint checkpoint = read(path);
    if (!checkpoint.model().toString().equals(model.toString())) {
      throw new CheckpointFormatException(path, "is a checkpoint of " + checkpoint.model() + ", not of " + model);
    }
    return checkpoint;
  }

  private static void checkVersion(Path path, Group group) {
    Object version = attribute(path, group, VERSION_ATTRIBUTE);
    if (!(version instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
      throw new CheckpointFormatException(path, "attribute '" + VERSION_ATTRIBUTE + "' of group '" + GROUP + "' is "
          + version + ", expected a whole number");
    }
    if (n.longValue() < 1 || n.longValue() > FORMAT_VERSION) {
      throw new CheckpointFormatException(path, "checkpoint format version " + n.longValue() + " is not supported;"
          + " this jdnn reads versions 1 to " + FORMAT_VERSION);
    }
  }

  private static List<String> entryNames(Path path, Group group) {
    Object names = attribute(path, group, ENTRIES_ATTRIBUTE);
    Object crc = attribute(path, group, ENTRIES_CHECKSUM_ATTRIBUTE);
    if (!(names instanceof String text) || !(crc instanceof Number expected)) {
      throw new CheckpointFormatException(path, "group '" + GROUP + "' lacks its list of entries ('"
          + ENTRIES_ATTRIBUTE + "' and '" + ENTRIES_CHECKSUM_ATTRIBUTE + "'); the file is damaged");
    }
    if (crc(text.getBytes(StandardCharsets.UTF_8)) != expected.longValue()) {
      throw new CheckpointFormatException(path, "the list of entries does not match its checksum; the file is corrupt");
    }
    return text.isEmpty() ? List.of() : List.of(text.split("\n"));
  }

  private static Entry read(Path path, String name, Dataset dataset, long fileSize) {
    int[] shape = dataset.getDimensions();
    long count = 1;
    for (int d : shape) {
      count = d < 0 ? Long.MAX_VALUE : Math.min(Long.MAX_VALUE / 16, count * d);
    }
    // A damaged header can declare billions of values; the file must hold them (contiguous, not compressed).
    if (count > fileSize / Math.max(1, dataset.getDataType().getSize())) {
      throw new CheckpointFormatException(path, "entry '" + name + "' declares shape " + Arrays.toString(shape)
          + ", more than the file's " + fileSize + " bytes hold; the file is damaged");
    }
    Object flat = dataset.getDataFlat();
    Object crcValue = dataset.getAttribute(CHECKSUM) == null ? null : dataset.getAttribute(CHECKSUM).getData();
    if (!(crcValue instanceof Number crc)) {
      throw new CheckpointFormatException(path, "entry '" + name + "' has no " + CHECKSUM + " checksum; the file is"
          + " damaged");
    }
    Entry entry;
    long actual;
    if (dataset.getDataType() instanceof FloatingPoint && flat instanceof double[] d && shape.length == 2) {
      entry = new Doubles(shape[0], shape[1], d);
      actual = crc(d);
    } else if (dataset.getDataType() instanceof FixedPoint && flat instanceof long[] l && shape.length == 1) {
      entry = new Longs(l);
      actual = crc(l);
    } else if (dataset.getDataType() instanceof StringData && flat instanceof String[] s && s.length == 1) {
      entry = new Text(s[0]);
      actual = crc(s[0].getBytes(StandardCharsets.UTF_8));
    } else {
      throw new CheckpointFormatException(path, "entry '" + name + "' holds " + Arrays.toString(shape) + " of "
          + dataset.getDataType().getClass().getSimpleName() + ", expected a 2-D float64, 1-D int64 or string"
          + " dataset; the file is damaged");
    }
    if (actual != crc.longValue()) {
      throw new CheckpointFormatException(path, "entry '" + name + "' does not match its " + CHECKSUM
          + " checksum; the file is corrupt");
    }
    return entry;
  }

  private static Object attribute(Path path, Group group, String name) {
    Attribute attribute = group.getAttribute(name);
    return attribute == null ? null : attribute.getData();
  }

  private static long crc(double[] values) {
    ByteBuffer bytes = ByteBuffer.allocate(8 * values.length);
    bytes.asDoubleBuffer().put(values);
    return crc(bytes.array());
  }

  private static long crc(long[] values) {
    ByteBuffer bytes = ByteBuffer.allocate(8 * values.length);
    bytes.asLongBuffer().put(values);
    return crc(bytes.array());
  }

  private static long crc(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes);
    return crc.getValue();
  }

  private static String withoutFile(FileFormatException e) {
    String prefix = e.file() + ": ";
    String message = e.getMessage();
    return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
