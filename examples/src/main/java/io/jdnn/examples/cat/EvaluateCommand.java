package io.jdnn.examples.cat;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.metrics.ClassificationReport;
import io.jdnn.core.metrics.Metrics;
import io.jdnn.core.nn.Sequential;
import io.jdnn.core.training.dataset.Dataset;
import io.jdnn.data.images.CatVsNonCat;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code jdnn-cat evaluate}: a saved model on data of the kind it was trained on (the cat images,
 * MNIST-format digits or a CSV table, see {@link TrainingData}). Prints the two accuracies as
 * {@code train} does (a table without {@code --test-data}: one accuracy, of its rows), then for the
 * test set (or that table's rows) the
 * classification report (precision, recall, F1, support per class, named by the model's class
 * names) and the confusion matrix. A table's columns are matched by the model's feature names and
 * its labels by the model's class names, so the rows may come in any order.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Accuracies, classification report and confusion matrix of a saved model on the cat images,"
        + " MNIST-format digits or a CSV table.")
final class EvaluateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ModelOptions modelOptions;

  @Option(names = "--data", paramLabel = "DIR|FILE.csv",
      description = "A folder of the cat images or of MNIST-format files, or a CSV table (then --label) "
          + "(default: the course's images built into jdnn-cat, a copy of datasets/catvnoncat).")
  Path data;

  @Option(names = "--test-data", paramLabel = "FILE.csv", description = "For a CSV table: a second table, reported on.")
  Path testData;

  @Option(names = "--label", paramLabel = "NAME", description = "For a CSV table: the column holding the class.")
  String label;

  @Override
  public Integer call() {
    Sequential model = modelOptions.load(spec);
    TrainingData d;
    try {
      d = TrainingData.forModel(data, testData, label, model, modelOptions.model);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    int inputs = ModelOptions.inputSize(model, modelOptions.model);
    if (inputs != d.features()) {
      throw new IllegalArgumentException(modelOptions.model + " takes " + inputs + " inputs but the "
          + d.kind.examples + " in " + d.where() + " have " + d.features() + " values each");
    }
    Matrix trainP = model.predict(d.train.x());
    if (trainP.rows() != d.train.y().rows()) {
      throw new IllegalArgumentException(modelOptions.model + " has " + trainP.rows() + " outputs but the "
          + d.kind.examples + " in " + d.where() + " have " + d.classes.size() + " classes, which take " + d.outputs());
    }
    List<String> names = model.classNames().isEmpty() ? d.classes : model.classNames();
    PrintWriter out = spec.commandLine().getOut();
    // A table given alone may be any rows (often a test file): its accuracy is not a training accuracy.
    boolean oneTable = d.kind == TrainingData.Kind.TABLE && d.test == null;
    out.println((oneTable ? "Accuracy: " : "Train accuracy: ") + Metrics.accuracy(trainP, d.train.y()));
    Dataset reported = d.train;
    Matrix reportedP = trainP;
    if (d.test != null) {
      reportedP = model.predict(d.test.x());
      reported = d.test;
      out.println("Test accuracy: " + Metrics.accuracy(reportedP, d.test.y()));
    }
    out.println();
    out.println((d.test != null ? "Test set, " : oneTable ? d.where() + ", " : "Training set, ") + reported.count() + " "
        + d.kind.examples
        + (names.size() == 2 ? " (a probability above 0.5 is " + names.get(1) + ")" : "") + ":");
    out.print(ClassificationReport.of(reportedP, reported.y(), names));
    out.flush();
    return 0;
  }

  /** The data file's class names (its {@code list_classes}), else non-cat and cat. */
  static List<String> classNames(CatVsNonCat cats) {
    return cats.classes().size() == 2 ? cats.classes() : List.of("non-cat", "cat");
  }
}
