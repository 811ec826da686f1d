package io.jdnn.examples.cat;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.metrics.ClassificationReport;
import io.jdnn.core.metrics.Metrics;
import io.jdnn.core.nn.Sequential;
import io.jdnn.data.images.CatVsNonCat;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jdnn-cat evaluate}: a saved model on the cat data. Prints the two accuracies as
 * {@code train} does, then for the test set the classification report (precision, recall, F1,
 * support per class) and the confusion matrix.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Accuracies, classification report and confusion matrix of a saved model on the cat data.")
final class EvaluateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ModelOptions modelOptions;

  @Option(names = "--data", paramLabel = "DIR", description = CatData.OPTION_HELP)
  Path data;

  @Override
  public Integer call() {
    Sequential model = modelOptions.load(spec);
    CatVsNonCat cats = CatData.load(data);
    int inputs = ModelOptions.inputSize(model, modelOptions.model);
    if (inputs != cats.train().x().rows()) {
      throw new IllegalArgumentException(modelOptions.model + " takes " + inputs + " inputs but the images in " + CatData.describe(data)
          + " have " + cats.train().x().rows() + " values each");
    }
    Matrix trainP = model.predict(cats.train().x());
    Matrix testP = model.predict(cats.test().x());
    List<String> names = classNames(cats);
    PrintWriter out = spec.commandLine().getOut();
    out.println("Train accuracy: " + Metrics.binaryAccuracy(trainP, cats.train().y()));
    out.println("Test accuracy: " + Metrics.binaryAccuracy(testP, cats.test().y()));
    out.println();
    out.println("Test set, " + cats.test().count() + " images (a probability above 0.5 is " + names.get(1) + "):");
    out.print(ClassificationReport.of(testP, cats.test().y(), names));
    out.flush();
    return 0;
  }

  /** The data file's class names (its {@code list_classes}), else non-cat and cat. */
  static List<String> classNames(CatVsNonCat cats) {
    return cats.classes().size() == 2 ? cats.classes() : List.of("non-cat", "cat");
  }
}
