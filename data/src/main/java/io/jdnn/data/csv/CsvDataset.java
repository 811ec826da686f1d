package io.jdnn.data.csv;

import io.jdnn.core.training.dataset.Dataset;
import io.jdnn.core.training.dataset.Labels;
import io.jdnn.data.io.DataFormatException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A classification table from CSV: training rows, optionally test rows, one label column. The
 * classes are the training labels' distinct values, sorted (numerically when every label is a
 * number, so {@code 2} comes before {@code 10}; else as text), so class 1 of two is the later one:
 * {@code 1} of {@code 0}/{@code 1}, {@code malignant} of {@code benign}/{@code malignant}. Labels
 * become targets as {@link Labels#encode} makes them: two classes one 0/1 row for a sigmoid, more
 * one-hot rows for a softmax.
 *
 * <p>The test file must have the training file's columns (in any order) and only its classes; a
 * class that occurs only in the test file is a {@link DataFormatException} naming the line and
 * column, since the network could never predict it.
 *
 * <pre>{@code
 * CsvDataset iris = CsvDataset.load(Path.of("iris-train.csv"), Path.of("iris-test.csv"), "species");
 * iris.train().x();   // 4 x 120
 * iris.classes();     // [setosa, versicolor, virginica]
 * }</pre>
 *
 * @param train the training examples ({@code features x m} and their targets)
 * @param test the test examples, or null when no test file was given
 * @param featureNames the feature columns, in the order of x's rows
 * @param classes the class names, in the order of the network's outputs
 */
public record CsvDataset(Dataset train, Dataset test, List<String> featureNames, List<String> classes) {

  /**
   * Reads {@code trainFile} and, when not null, {@code testFile}, with {@code label} as the label
   * column.
   *
   * @throws DataFormatException for a bad file, cell, column or class (the message names the file,
   *     line and column)
   */
  public static CsvDataset load(Path trainFile, Path testFile, String label) {
    CsvTable train = CsvTable.read(trainFile, label);
    List<String> classes = classes(train);
    Map<String, Integer> index = new HashMap<>();
    for (int c = 0; c < classes.size(); c++) {
      index.put(classes.get(c), c);
    }
    Dataset trainSet = new Dataset(train.x(), Labels.encode(classIndices(train, index, classes, trainFile), classes.size()));
    Dataset testSet = null;
    if (testFile != null) {
      CsvTable test = CsvTable.read(testFile, label, train.featureNames());
      testSet = new Dataset(test.x(), Labels.encode(classIndices(test, index, classes, trainFile), classes.size()));
    }
    return new CsvDataset(trainSet, testSet, train.featureNames(), classes);
  }

  /** The class of each row of {@code table}, refusing a label that is not a training class. */
  static int[] classIndices(CsvTable table, Map<String, Integer> index, List<String> classes, Path trainFile) {
    List<String> labels = table.labels();
    int[] classOf = new int[labels.size()];
    for (int j = 0; j < classOf.length; j++) {
      Integer c = index.get(labels.get(j));
      if (c == null) {
        throw new DataFormatException(table.file(), table.labelCell(j) + ": class '" + Numbers.shorten(labels.get(j))
            + "' does not occur in the training data (" + trainFile + "), whose classes are: "
            + String.join(", ", classes));
      }
      classOf[j] = c;
    }
    return classOf;
  }

  /** The distinct labels of {@code table}, sorted: numerically if all are numbers, else as text. */
  static List<String> classes(CsvTable table) {
    TreeSet<String> distinct = new TreeSet<>(table.labels());
    if (distinct.size() < 2) {
      throw new DataFormatException(table.file(), "every row's label (column '" + table.labelName() + "') is '"
          + Numbers.shorten(distinct.first()) + "'; a classifier needs at least two classes");
    }
    List<String> sorted = new ArrayList<>(distinct);
    if (sorted.stream().allMatch(Numbers::isDecimal)) {
      // BigDecimal compares 2 < 10 and 1e3 = 1000 exactly; equal values spelt differently stay apart.
      sorted.sort(Comparator.comparing((String s) -> new BigDecimal(s)).thenComparing(Comparator.naturalOrder()));
    }
    return List.copyOf(sorted);
  }
}
