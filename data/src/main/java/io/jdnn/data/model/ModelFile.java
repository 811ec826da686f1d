package io.jdnn.data.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jdnn.core.math.Matrix;
import io.jdnn.core.nn.Layer;
import io.jdnn.core.nn.LayerSpec;
import io.jdnn.core.nn.LayerTypes;
import io.jdnn.core.nn.Parameter;
import io.jdnn.core.nn.Sequential;
import io.jdnn.data.hdf5.Hdf5File;
import io.jdnn.data.io.AtomicFiles;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * A {@link Sequential} model in an HDF5 file that NumPy users can read as it is (written and read
 * with jhdf, pure Java).
 *
 * <p><b>Layout</b> (format version {@value #FORMAT_VERSION}):
 * <ul>
 *   <li>root attribute {@code jdnn_format_version}: the integer {@value #FORMAT_VERSION};
 *   <li>root attribute {@code jdnn_architecture}: JSON,
 *       {@code {"format":"jdnn-sequential","layers":[{"type":"Dense","in":12288,"out":20},{"type":"ReLU"},...]}},
 *       each layer as {@link LayerTypes#describe} gives it;
 *   <li>one float64 dataset per parameter, named as the course names them: the parameters of the
 *       k-th layer that has any get the suffix k, so a dense network holds {@code W1, b1, W2, b2, ...}
 *       with the course's shapes, {@code W[k]} {@code n[k] x n[k-1]} and {@code b[k]} {@code n[k] x 1};
 *   <li>optional root attributes {@code jdnn_class_names} and {@code jdnn_feature_names}: JSON lists
 *       of strings, {@link Sequential#classNames} and {@link Sequential#featureNames} (e.g.
 *       {@code ["benign","malignant"]}); a file without them loads with empty names;
 *   <li>on each dataset, attribute {@code crc32}: the CRC-32 of its values (IEEE 754 doubles,
 *       big-endian, row-major), so that damaged numbers are caught instead of predicting garbage.
 * </ul>
 * With h5py: {@code {k: f[k][()] for k in f}} is the course's {@code parameters} dictionary.
 *
 * <p><b>Saving</b> writes a temporary file beside the target and renames it over the target, so
 * a failure part-way (or a crash) leaves any previous file as it was.
 *
 * <p><b>Loading</b> rebuilds the layers through {@link LayerTypes}. {@link #loadWeights} fills a
 * model the caller built from a file with only {@code W1, b1, ...} (as NumPy and h5py write the
 * course's parameters). Every problem is a {@link ModelFormatException} naming the file, the
 * dataset and the shapes.
 *
 * <pre>{@code
 * ModelFile.save(model, Path.of("cat.h5"));
 * Sequential again = ModelFile.load(Path.of("cat.h5"));
 * Sequential course = ModelFile.loadWeights(Path.of("params.h5"), Networks.reluSigmoid(12288, 20, 7, 5, 1));
 * }</pre>
 */
public final class ModelFile {
  /** The version this code writes and the newest it reads. */
  public static final int FORMAT_VERSION = 1;
  /** Root attribute holding {@link #FORMAT_VERSION}. */
  public static final String VERSION_ATTRIBUTE = "jdnn_format_version";
  /** Root attribute holding the architecture as JSON. */
  public static final String ARCHITECTURE_ATTRIBUTE = "jdnn_architecture";
  /** Optional root attribute: the class names of the outputs, a JSON list of strings. */
  public static final String CLASS_NAMES_ATTRIBUTE = "jdnn_class_names";
  /** Optional root attribute: the names of the input features, a JSON list of strings. */
  public static final String FEATURE_NAMES_ATTRIBUTE = "jdnn_feature_names";
  /** Dataset attribute holding the CRC-32 of the values. */
  public static final String CHECKSUM_ATTRIBUTE = "crc32";
  private static final String FORMAT_NAME = "jdnn-sequential";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NUMBERED = Pattern.compile("([A-Za-z_]+)([0-9]+)");

  /** Called between writing the temporary file and renaming it; tests use it to fail there. */
  interface BeforeRename {
    void run(Path temporary) throws IOException;
  }

  private ModelFile() {}

  /**
   * Writes {@code model} to {@code path} (replacing it atomically), creating missing parent folders.
   *
   * @throws IllegalArgumentException when a layer's type is not registered with {@link LayerTypes}
   * @throws ModelFormatException when the file cannot be written
   */
  public static void save(Sequential model, Path path) {
    save(model, path, temporary -> {});
  }

  static void save(Sequential model, Path path, BeforeRename beforeRename) {
    String architecture = architectureJson(model);
    Map<String, Matrix> datasets = parameterDatasets(model);
    try {
      AtomicFiles.write(path, temporary -> {
        try (WritableHdfFile hdf = HdfFile.write(temporary)) {
          write(hdf, model, architecture, datasets);
        }
        beforeRename.run(temporary);
      });
    } catch (IOException | RuntimeException e) {
      throw new ModelFormatException(path, "cannot save the model (" + describe(e) + "); any previous file is unchanged",
          e);
    }
  }

  /**
   * Writes {@code model} as this format lays it out (the version and architecture attributes and
   * the datasets {@code W1, b1, ...} with their checksums) into {@code root}, the root group of a
   * file being written: for formats that hold a model beside other things, such as training
   * checkpoints, so that {@link #load} reads them as a model.
   *
   * @throws IllegalArgumentException when a layer's type is not registered with {@link LayerTypes}
   */
  public static void writeInto(WritableGroup root, Sequential model) {
    try {
      write(root, model, architectureJson(model), parameterDatasets(model));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write the class or feature names as JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static void write(WritableGroup root, Sequential model, String architecture, Map<String, Matrix> datasets)
      throws JsonProcessingException {
    root.putAttribute(VERSION_ATTRIBUTE, FORMAT_VERSION);
    root.putAttribute(ARCHITECTURE_ATTRIBUTE, architecture);
    if (!model.classNames().isEmpty()) {
      root.putAttribute(CLASS_NAMES_ATTRIBUTE, JSON.writeValueAsString(model.classNames()));
    }
    if (!model.featureNames().isEmpty()) {
      root.putAttribute(FEATURE_NAMES_ATTRIBUTE, JSON.writeValueAsString(model.featureNames()));
    }
    for (Map.Entry<String, Matrix> e : datasets.entrySet()) {
      WritableDataset dataset = root.putDataset(e.getKey(), rows(e.getValue()));
      dataset.putAttribute(CHECKSUM_ATTRIBUTE, checksum(e.getValue().data()));
    }
  }

  /**
   * Reads the model in {@code path}: architecture, then parameters.
   *
   * @throws ModelFormatException when the file is missing, not HDF5, not a jdnn model (for a file
   *     with only {@code W1, b1, ...} use {@link #loadWeights}), of a newer format, truncated,
   *     corrupt, or its parameters do not fit its architecture
   */
  public static Sequential load(Path path) {
    try (HdfFile hdf = open(path)) {
      Sequential model = buildArchitecture(path, hdf);
      fill(path, hdf, model);
      readNames(path, hdf, model);
      return model;
    }
  }

  /**
   * Sets the parameters of {@code model}, whose architecture the caller states, from the datasets
   * {@code W1, b1, ...} of {@code path} (a jdnn model file or one written by NumPy/h5py; float32 or
   * float64; a bias may also be 1-D). Every dataset of the file must be used.
   *
   * @return {@code model}
   * @throws ModelFormatException when a dataset is missing, unused, damaged, or of another shape
   */
  public static Sequential loadWeights(Path path, Sequential model) {
    try (HdfFile hdf = open(path)) {
      fill(path, hdf, model);
      return model;
    }
  }

  /** Whether {@code path} holds a jdnn architecture (else it can only be loaded with {@link #loadWeights}). */
  public static boolean hasArchitecture(Path path) {
    try (HdfFile hdf = open(path)) {
      return attribute(path, hdf, ARCHITECTURE_ATTRIBUTE) != null;
    }
  }

  // ---- writing ----

  static String architectureJson(Sequential model) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT_NAME);
    ArrayNode layers = root.putArray("layers");
    for (Layer layer : model.layers()) {
      LayerSpec spec = LayerTypes.describe(layer);
      ObjectNode node = layers.addObject();
      node.put("type", spec.type());
      for (Map.Entry<String, Object> setting : spec.settings().entrySet()) {
        if ("type".equals(setting.getKey())) {
          throw new IllegalArgumentException("layer type " + spec.type() + " has a setting called 'type', which the file"
              + " format reserves for the type name");
        }
        node.set(setting.getKey(), JSON.valueToTree(setting.getValue()));
      }
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write the architecture as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Dataset name to value, in file order: W1, b1, W2, b2, ... */
  private static Map<String, Matrix> parameterDatasets(Sequential model) {
    Map<String, Matrix> datasets = new LinkedHashMap<>();
    for (Map.Entry<String, Parameter> e : model.namedTensors().entrySet()) {
      datasets.put(e.getKey(), e.getValue().value());
    }
    return datasets;
  }


  /** What a file holds of a layer: its parameters, then its buffers (numbered together). */
  private static List<Parameter> saved(Layer layer) {
    if (layer.buffers().isEmpty()) {
      return layer.parameters();
    }
    List<Parameter> all = new ArrayList<>(layer.parameters());
    all.addAll(layer.buffers());
    return all;
  }

  private static double[][] rows(Matrix m) {
    double[][] rows = new double[m.rows()][];
    for (int i = 0; i < m.rows(); i++) {
      rows[i] = new double[m.cols()];
      System.arraycopy(m.data(), i * m.cols(), rows[i], 0, m.cols());
    }
    return rows;
  }

  static long checksum(double[] values) {
    ByteBuffer bytes = ByteBuffer.allocate(8 * values.length);
    bytes.asDoubleBuffer().put(values);
    CRC32 crc = new CRC32();
    crc.update(bytes);
    return crc.getValue();
  }

  // ---- reading ----

  private static HdfFile open(Path path) {
    return Hdf5File.openGuarded(path, "model file", ModelFormatException::new);
  }

  private static Object attribute(Path path, HdfFile hdf, String name) {
    try {
      Attribute attribute = hdf.getAttribute(name);
      return attribute == null ? null : attribute.getData();
    } catch (RuntimeException | Error e) {
      throw new ModelFormatException(path, "cannot read attribute '" + name + "'; the file is truncated or corrupt ("
          + describe(e) + ")", e);
    }
  }

  private static Sequential buildArchitecture(Path path, HdfFile hdf) {
    Object version = attribute(path, hdf, VERSION_ATTRIBUTE);
    if (version == null) {
      throw new ModelFormatException(path, "not a jdnn model file: it has no '" + VERSION_ATTRIBUTE + "' attribute"
          + " (its datasets: " + datasetNames(path, hdf) + "); a file with only W1, b1, ... loads when the"
          + " architecture is stated (ModelFile.loadWeights, or --layers on the command line)");
    }
    if (!(version instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
      throw new ModelFormatException(path, "attribute '" + VERSION_ATTRIBUTE + "' is " + version
          + ", expected a whole number");
    }
    if (n.longValue() > FORMAT_VERSION || n.longValue() < 1) {
      throw new ModelFormatException(path, "model format version " + n.longValue() + " is not supported; this jdnn"
          + " reads versions 1 to " + FORMAT_VERSION);
    }
    Object json = attribute(path, hdf, ARCHITECTURE_ATTRIBUTE);
    if (!(json instanceof String text)) {
      throw new ModelFormatException(path, json == null ? "has no '" + ARCHITECTURE_ATTRIBUTE + "' attribute"
          : "attribute '" + ARCHITECTURE_ATTRIBUTE + "' is not a string");
    }
    List<LayerSpec> specs = parseArchitecture(path, text);
    List<Layer> layers = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      try {
        layers.add(LayerTypes.create(specs.get(i)));
      } catch (RuntimeException e) {
        throw new ModelFormatException(path, "layer " + (i + 1) + " of '" + ARCHITECTURE_ATTRIBUTE + "' ("
            + specs.get(i) + ") cannot be built: " + e.getMessage(), e);
      }
    }
    try {
      return Sequential.of(layers);
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(path, "the layers of '" + ARCHITECTURE_ATTRIBUTE + "' do not chain: "
          + e.getMessage(), e);
    }
  }

  /** Sets the optional class and feature names; a damaged list is an error, a missing one is not. */
  private static void readNames(Path path, HdfFile hdf, Sequential model) {
    List<String> classes = names(path, hdf, CLASS_NAMES_ATTRIBUTE);
    List<String> features = names(path, hdf, FEATURE_NAMES_ATTRIBUTE);
    try {
      model.classNames(classes);
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(path, "attribute '" + CLASS_NAMES_ATTRIBUTE + "' does not fit the model: "
          + e.getMessage(), e);
    }
    try {
      model.featureNames(features);
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(path, "attribute '" + FEATURE_NAMES_ATTRIBUTE + "' does not fit the model: "
          + e.getMessage(), e);
    }
  }

  private static List<String> names(Path path, HdfFile hdf, String attribute) {
    Object value = attribute(path, hdf, attribute);
    if (value == null) {
      return List.of();
    }
    String problem = "attribute '" + attribute + "' is not a JSON list of strings";
    if (!(value instanceof String text)) {
      throw new ModelFormatException(path, problem);
    }
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ModelFormatException(path, problem + " (" + e.getOriginalMessage() + ")", e);
    }
    if (node == null || !node.isArray()) {
      throw new ModelFormatException(path, problem);
    }
    List<String> names = new ArrayList<>();
    for (JsonNode item : node) {
      if (!item.isTextual()) {
        throw new ModelFormatException(path, problem + ": it holds " + item);
      }
      names.add(item.asText());
    }
    return names;
  }

  static List<LayerSpec> parseArchitecture(Path path, String text) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ModelFormatException(path, "attribute '" + ARCHITECTURE_ATTRIBUTE + "' is not valid JSON ("
          + e.getOriginalMessage() + ")", e);
    }
    JsonNode layers = root == null ? null : root.get("layers");
    if (layers == null || !layers.isArray() || layers.isEmpty()) {
      throw new ModelFormatException(path, "attribute '" + ARCHITECTURE_ATTRIBUTE + "' has no list of layers,"
          + " expected {\"layers\": [{\"type\": ...}, ...]}");
    }
    List<LayerSpec> specs = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      JsonNode layer = layers.get(i);
      JsonNode type = layer.get("type");
      if (!layer.isObject() || type == null || !type.isTextual()) {
        throw new ModelFormatException(path, "layer " + (i + 1) + " of '" + ARCHITECTURE_ATTRIBUTE + "' is " + layer
            + ", expected an object with a \"type\" name");
      }
      Map<String, Object> settings = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = layer.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (!"type".equals(field.getKey())) {
          settings.put(field.getKey(), JSON.convertValue(field.getValue(), Object.class));
        }
      }
      specs.add(new LayerSpec(type.asText(), settings));
    }
    return specs;
  }

  private static void fill(Path path, HdfFile hdf, Sequential model) {
    Map<String, Dataset> datasets = datasets(path, hdf);
    checkChain(path, datasets);
    Set<String> unused = new TreeSet<>(datasets.keySet());
    int k = 0;
    int layerNumber = 0;
    for (Layer layer : model.layers()) {
      layerNumber++;
      List<Parameter> parameters = saved(layer);
      if (parameters.isEmpty()) {
        continue;
      }
      k++;
      for (Parameter p : parameters) {
        String name = p.name() + k;
        Dataset dataset = datasets.get(name);
        String expected = p.value().shape();
        String forWhat = "layer " + layerNumber + " " + layer + " (" + p.name() + " " + expected + ")";
        if (dataset == null) {
          throw new ModelFormatException(path, "has no dataset '" + name + "' for " + forWhat + "; it has "
              + shapes(path, datasets));
        }
        unused.remove(name);
        read(path, dataset, name, p.value(), forWhat, datasets);
      }
    }
    if (!unused.isEmpty()) {
      throw new ModelFormatException(path, "dataset(s) " + unused + " are not used by the architecture " + model
          + ", which takes " + k + " set(s) of parameters; the file has " + shapes(path, datasets));
    }
  }

  private static Map<String, Dataset> datasets(Path path, HdfFile hdf) {
    Map<String, Dataset> datasets = new LinkedHashMap<>();
    try {
      for (Node node : hdf.getChildren().values()) {
        if (node instanceof Dataset d) {
          datasets.put(node.getName(), d);
        }
      }
    } catch (RuntimeException | Error e) {
      throw new ModelFormatException(path, "cannot list the datasets; the file is truncated or corrupt ("
          + describe(e) + ")", e);
    }
    return datasets;
  }

  private static Set<String> datasetNames(Path path, HdfFile hdf) {
    return new TreeSet<>(datasets(path, hdf).keySet());
  }

  /** The file's own W1, W2, ... must chain: W[k] has as many columns as W[k-1] has rows. */
  private static void checkChain(Path path, Map<String, Dataset> datasets) {
    int[] previous = null;
    for (int k = 1; datasets.containsKey("W" + k); k++) {
      int[] shape = dimensions(path, datasets.get("W" + k), "W" + k);
      if (shape.length != 2) {
        return; // reported against the architecture, with the expected shape
      }
      if (previous != null && shape[1] != previous[0]) {
        throw new ModelFormatException(path, "the shapes do not chain: dataset 'W" + (k - 1) + "' is " + previous[0]
            + "x" + previous[1] + " (" + previous[0] + " outputs) but dataset 'W" + k + "' is " + shape[0] + "x"
            + shape[1] + " (" + shape[1] + " inputs); W[l] must be n[l] x n[l-1]");
      }
      previous = shape;
    }
  }

  private static void read(Path path, Dataset dataset, String name, Matrix target, String forWhat,
      Map<String, Dataset> all) {
    int[] shape = dimensions(path, dataset, name);
    boolean fits = (shape.length == 2 && shape[0] == target.rows() && shape[1] == target.cols())
        || (shape.length == 1 && target.cols() == 1 && shape[0] == target.rows());
    if (!fits) {
      throw new ModelFormatException(path, "dataset '" + name + "' has shape " + shapeText(shape) + ", expected "
          + target.shape() + " for " + forWhat + "; the file has " + shapes(path, all));
    }
    double[] values;
    Long expectedChecksum;
    try {
      values = doubles(path, name, dataset.getDataFlat());
      Attribute crc = dataset.getAttribute(CHECKSUM_ATTRIBUTE);
      expectedChecksum = crc == null ? null : ((Number) crc.getData()).longValue();
    } catch (ModelFormatException e) {
      throw e;
    } catch (RuntimeException | Error e) {
      throw new ModelFormatException(path, "cannot read dataset '" + name + "' (" + shapeText(shape)
          + "); the file is truncated or corrupt (" + describe(e) + ")", e);
    }
    if (values.length != target.size()) {
      throw new ModelFormatException(path, "dataset '" + name + "' gave " + values.length + " values, expected "
          + target.size() + " (" + target.shape() + "); the file is truncated or corrupt");
    }
    if (expectedChecksum != null && checksum(values) != expectedChecksum) {
      throw new ModelFormatException(path, "dataset '" + name + "' (" + shapeText(shape) + ") does not match its "
          + CHECKSUM_ATTRIBUTE + " checksum; the file is corrupt");
    }
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new ModelFormatException(path, "dataset '" + name + "' holds " + values[i] + " at row "
            + i / target.cols() + ", column " + i % target.cols() + "; expected finite numbers");
      }
    }
    System.arraycopy(values, 0, target.data(), 0, values.length);
  }

  private static int[] dimensions(Path path, Dataset dataset, String name) {
    try {
      return dataset.getDimensions();
    } catch (RuntimeException | Error e) {
      throw new ModelFormatException(path, "cannot read the shape of dataset '" + name
          + "'; the file is truncated or corrupt (" + describe(e) + ")", e);
    }
  }

  private static double[] doubles(Path path, String name, Object flat) {
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
    throw new ModelFormatException(path, "dataset '" + name + "' holds "
        + (flat == null ? "nothing" : flat.getClass().getSimpleName()) + ", expected float64 or float32 numbers");
  }

  /** The file's datasets with their shapes, for messages: {@code W1 20x12288, b1 20x1, ...}. */
  private static String shapes(Path path, Map<String, Dataset> datasets) {
    if (datasets.isEmpty()) {
      return "no datasets";
    }
    List<String> names = new ArrayList<>(datasets.keySet());
    names.sort(ModelFile::courseOrder);
    List<String> parts = new ArrayList<>();
    for (String name : names) {
      parts.add(name + " " + shapeText(dimensions(path, datasets.get(name), name)));
    }
    return String.join(", ", parts);
  }

  /** W1, b1, W2, b2, ...: by number first, then by name; other names after, alphabetically. */
  private static int courseOrder(String a, String b) {
    Matcher ma = NUMBERED.matcher(a);
    Matcher mb = NUMBERED.matcher(b);
    boolean na = ma.matches();
    boolean nb = mb.matches();
    if (na && nb) {
      int byNumber = Long.compare(Long.parseLong(ma.group(2)), Long.parseLong(mb.group(2)));
      if (byNumber != 0) {
        return byNumber;
      }
      // Within a layer the course's order: W before b.
      if (ma.group(1).equals(mb.group(1))) {
        return 0;
      }
      return ma.group(1).equals("W") ? -1 : mb.group(1).equals("W") ? 1 : ma.group(1).compareTo(mb.group(1));
    }
    return na ? -1 : nb ? 1 : a.compareTo(b);
  }

  private static String shapeText(int[] shape) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < shape.length; i++) {
      s.append(i == 0 ? "" : "x").append(shape[i]);
    }
    return shape.length == 1 ? "[" + s + "]" : s.toString();
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
