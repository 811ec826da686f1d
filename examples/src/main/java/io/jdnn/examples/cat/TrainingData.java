package io.jdnn.examples.cat;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.nn.Layer;
import io.jdnn.core.nn.Sequential;
import io.jdnn.core.training.dataset.Dataset;
import io.jdnn.core.training.dataset.Labels;
import io.jdnn.core.training.loss.Loss;
import io.jdnn.data.csv.CsvDataset;
import io.jdnn.data.idx.IdxDataset;
import io.jdnn.data.images.CatVsNonCat;
import io.jdnn.data.io.DataFormatException;
import io.jdnn.layers.BatchNormalization;
import io.jdnn.layers.Dense;
import io.jdnn.layers.Dropout;
import io.jdnn.layers.Networks;
import io.jdnn.layers.ReLU;
import io.jdnn.layers.Sigmoid;
import io.jdnn.layers.Softmax;
import io.jdnn.layers.Standardization;
import io.jdnn.losses.BinaryCrossEntropy;
import io.jdnn.losses.CategoricalCrossEntropy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What {@code --data} names, loaded, and what follows from it for the network: the course's cat
 * images (a folder with {@code train_catvnoncat.h5}), MNIST-format digits (a folder with
 * {@code train-images-idx3-ubyte[.gz]} ...) or a CSV table (a {@code .csv} file, with
 * {@code --label} and optionally {@code --test-data}). Each gives training (and test) examples, the
 * class names, the output layer and loss (one sigmoid output with binary cross-entropy for two
 * classes, a softmax with categorical cross-entropy, fused, for more), a default {@code --layers},
 * and whether a {@link Standardization} goes first (tables, unless {@code --no-standardize}).
 *
 * <p>The cat images keep exactly the course's network and loss, so their numbers do not move.
 */
final class TrainingData {
  /** The kinds of data {@code --data} accepts. */
  enum Kind {
    CAT_IMAGES("images"), DIGITS("digits"), TABLE("rows");

    final String examples;

    Kind(String examples) {
      this.examples = examples;
    }
  }

  final Kind kind;
  /** What was read, for messages: the folder or the training file. */
  final Path source;
  final Dataset train;
  /** Null for a table given without {@code --test-data}. */
  final Dataset test;
  final List<String> classes;
  /** A table's column names; empty for images. */
  final List<String> featureNames;
  /** The cat data itself, for the report's pictures; null for the others. */
  final CatVsNonCat cats;
  /** Image side for digits (28), 0 otherwise. */
  final int side;

  private TrainingData(Kind kind, Path source, Dataset train, Dataset test, List<String> classes,
      List<String> featureNames, CatVsNonCat cats, int side) {
    this.kind = kind;
    this.source = source;
    this.train = train;
    this.test = test;
    this.classes = classes;
    this.featureNames = featureNames;
    this.cats = cats;
    this.side = side;
  }

  /**
   * Reads {@code data}: a CSV file when it ends in {@code .csv} (then {@code label} names the
   * label column and {@code testData}, when not null, is a second CSV file), else a folder of the cat
   * images or of MNIST-format files.
   *
   * @throws DataFormatException when the files are missing or bad
   * @throws IllegalArgumentException when {@code --label} or {@code --test-data} do not fit the kind
   */
  static TrainingData open(Path data, Path testData, String label) {
    if (data == null) {
      if (testData != null || label != null) {
        throw new IllegalArgumentException((testData != null ? "--test-data" : "--label") + " is for CSV tables;"
            + " give the table with --data FILE.csv");
      }
      return cats(null, CatData.builtIn());
    }
    if (isTable(data)) {
      if (label == null) {
        throw new IllegalArgumentException("--data " + data + " is a CSV table: name its label column with --label");
      }
      CsvDataset table = CsvDataset.load(data, testData, label);
      return new TrainingData(Kind.TABLE, data, table.train(), table.test(), table.classes(), table.featureNames(),
          null, 0);
    }
    if (testData != null || label != null) {
      throw new IllegalArgumentException((testData != null ? "--test-data" : "--label") + " is for CSV tables; "
          + data + " is a folder, which holds its own test set");
    }
    if (IdxDataset.isIdxFolder(data)) {
      IdxDataset digits = IdxDataset.load(data);
      return new TrainingData(Kind.DIGITS, data, new Dataset(digits.train().x(), digits.train().y()),
          new Dataset(digits.test().x(), digits.test().y()), digits.classes(), List.of(), null,
          digits.train().height() == digits.train().width() ? digits.train().height() : 0);
    }
    if (Files.isDirectory(data) && !Files.exists(data.resolve(CatVsNonCat.TRAIN_FILE))) {
      throw new DataFormatException(data.toAbsolutePath(), "holds neither the cat images (" + CatVsNonCat.TRAIN_FILE + ", "
          + CatVsNonCat.TEST_FILE + ") nor MNIST-format files (" + IdxDataset.TRAIN_IMAGES + "[.gz], ...);"
          + " --data also takes a .csv file");
    }
    return cats(data, CatData.load(data));
  }

  private static TrainingData cats(Path data, CatVsNonCat cats) {
    return new TrainingData(Kind.CAT_IMAGES, data, new Dataset(cats.train().x(), cats.train().y()),
        new Dataset(cats.test().x(), cats.test().y()), EvaluateCommand.classNames(cats), List.of(), cats, 0);
  }

  /** Where the data came from, for messages: its path, or the built-in cat images. */
  String where() {
    return source == null ? CatData.describe(null) : source.toString();
  }

  /**
   * Data to evaluate {@code model} on: as {@link #open}, except that a table's features and classes
   * are the model's own (from its file), matched by name.
   */
  static TrainingData forModel(Path data, Path testData, String label, Sequential model, Path modelFile) {
    if (!isTable(data)) {
      return open(data, testData, label);
    }
    if (label == null) {
      throw new IllegalArgumentException("--data " + data + " is a CSV table: name its label column with --label");
    }
    if (model.classNames().isEmpty()) {
      throw new IllegalArgumentException(modelFile + " keeps no class names, so the labels of " + data
          + " cannot be matched to its outputs; train it with --data FILE.csv to keep them");
    }
    CsvDataset table = CsvDataset.forModel(data, testData, label, model.featureNames(), model.classNames(),
        modelFile.toString());
    return new TrainingData(Kind.TABLE, data, table.train(), table.test(), table.classes(), table.featureNames(), null,
        0);
  }

  static boolean isTable(Path data) {
    return data != null && data.getFileName() != null && data.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
  }

  /** Input features per example. */
  int features() {
    return train.x().rows();
  }

  /** Network outputs: 1 for two classes, else one per class. */
  int outputs() {
    return Labels.outputs(classes.size());
  }

  /** {@code --layers} when none is given: the course's for the cats, one hidden layer otherwise. */
  int[] defaultLayers() {
    switch (kind) {
      case CAT_IMAGES:
        return new int[] {12288, 20, 7, 5, 1};
      case DIGITS:
        return new int[] {features(), 128, outputs()};
      default:
        return new int[] {features(), 16, outputs()};
    }
  }

  /**
   * Why {@code sizes} do not fit this data (its first size must be the features, its last the
   * outputs), with sizes that would; null when they fit.
   */
  String misfit(int[] sizes) {
    String what = kind == Kind.TABLE ? "the table " + where() + " has " + features() + " feature columns"
        : "the " + kind.examples + " in " + where() + " have " + features() + " values each"
            + (side > 0 ? " (" + side + "x" + side + ")" : "");
    int[] fitting = sizes.clone();
    fitting[0] = features();
    fitting[fitting.length - 1] = outputs();
    String suggestion = "; e.g. --layers " + join(fitting);
    if (sizes[0] != features()) {
      return "--layers starts with " + sizes[0] + " inputs but " + what + suggestion;
    }
    if (sizes[sizes.length - 1] != outputs()) {
      String classText = classes.size() + " classes (" + String.join(", ", shortList(classes)) + ")";
      return "--layers ends in " + sizes[sizes.length - 1] + " output" + (sizes[sizes.length - 1] == 1 ? "" : "s")
          + " but the data has " + classText + ", which take" + (outputs() == 1
              ? "s 1 output (the probability of '" + classes.get(1) + "')" : " " + outputs() + " outputs (a softmax)")
          + suggestion;
    }
    return null;
  }

  private static List<String> shortList(List<String> names) {
    return names.size() <= 12 ? names : List.of(names.get(0), names.get(1), "...", names.get(names.size() - 1));
  }

  static String join(int[] sizes) {
    return Arrays.toString(sizes).replaceAll("[\\[\\] ]", "");
  }

  /**
   * The network for {@code sizes}: {@code [LINEAR -> RELU (-> DROPOUT)] * (L-1) -> LINEAR}, then a
   * sigmoid for one output or a softmax for more; {@code standardization}, when not null, first;
   * with {@code batchNorm}, each hidden {@code LINEAR} has no bias and is followed by a batch
   * normalization (whose beta takes the bias's place). For the cat images without batch
   * normalization exactly {@link Networks#reluSigmoidWithDropout}, the course's model.
   */
  Sequential network(int[] sizes, double keep, long seed, Standardization standardization, boolean batchNorm) {
    Sequential model;
    if (outputs() == 1 && standardization == null) {
      model = batchNorm ? Networks.reluSigmoidWithBatchNorm(keep, seed, sizes)
          : Networks.reluSigmoidWithDropout(keep, seed, sizes);
    } else {
      List<Layer> layers = new ArrayList<>();
      if (standardization != null) {
        layers.add(standardization);
      }
      for (int l = 1; l < sizes.length; l++) {
        boolean hidden = l < sizes.length - 1;
        layers.add(new Dense(sizes[l - 1], sizes[l], !(hidden && batchNorm)));
        if (hidden) {
          if (batchNorm) {
            layers.add(new BatchNormalization(sizes[l]));
          }
          layers.add(new ReLU());
          if (keep < 1.0) {
            layers.add(new Dropout(keep, seed + l)); // seeded per layer as Networks does
          }
        } else {
          layers.add(sizes[l] == 1 ? new Sigmoid() : new Softmax());
        }
      }
      model = Sequential.of(layers);
    }
    model.classNames(classes);
    if (!featureNames.isEmpty()) {
      model.featureNames(featureNames);
    }
    return model;
  }

  /**
   * The loss: the course's binary cross-entropy for the cats (unfused, as the course computes it),
   * binary cross-entropy fused with the sigmoid for other two-class data, categorical
   * cross-entropy (fused with the softmax) for more classes.
   */
  Loss loss() {
    if (outputs() > 1) {
      return new CategoricalCrossEntropy();
    }
    return kind == Kind.CAT_IMAGES ? new BinaryCrossEntropy() : BinaryCrossEntropy.fused();
  }

  /**
   * The standardization of a table's features from the training examples that are trained on: all
   * of them, or, with a validation split, the part the split keeps for training (so nothing of the
   * validation rows leaks into the statistics).
   */
  Standardization standardization(double validationSplit, long seed) {
    Matrix x = validationSplit > 0 ? train.split(validationSplit, seed).train().x() : train.x();
    return Standardization.fit(x);
  }

  /** For the log: {@code 8000 training and 2000 test digits from DIR}. */
  String describe() {
    return train.count() + " training" + (test != null ? " and " + test.count() + " test" : "") + " " + kind.examples
        + " from " + where() + (kind == Kind.TABLE ? ", " + features() + " features, " + classes.size() + " classes"
            : "");
  }
}
