package io.jdnn.examples.cat;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.metrics.ClassificationReport;
import io.jdnn.core.nn.Sequential;
import io.jdnn.core.training.History;
import io.jdnn.core.training.dataset.Dataset;
import io.jdnn.data.images.CatVsNonCat;
import io.jdnn.data.images.LabeledImages;
import io.jdnn.data.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * What {@code train --report DIR} writes: {@value #COST_PLOT} (the cost curve), {@value #MISLABELED}
 * (the misclassified test images), {@value #METRICS} (the settings, the first and final printed
 * cost, accuracies, the classification reports and confusion matrices, the misclassified test
 * indices) and {@value #COSTS} (every optimizer step's cost, to plot it some other way). Each file
 * is written atomically: whole, or (on a full disk) not at all.
 *
 * <p>The report agrees with what {@code train} printed: the plot's bold curve and the first and
 * final cost of {@value #METRICS} are the printed cost lines, iterations with the full batch and
 * epochs (each the mean of its mini-batches' costs) with {@code --batch-size}; the training set
 * is the images trained on, without those held out for validation.
 *
 * <pre>{@code
 * TrainingReport.write(Path.of("report"), run, model, cats);
 * }</pre>
 */
final class TrainingReport {
  static final String COST_PLOT = "cost.png";
  static final String MISLABELED = "mislabeled.png";
  static final String METRICS = "metrics.txt";
  static final String COSTS = "costs.csv";

  /** One printed cost line: "Cost after {@code unit} {@code index}: {@code cost}". */
  record Printed(int index, double cost) {}

  /**
   * What a run did, as train printed it.
   *
   * @param settings "name: value" lines, in order
   * @param unit "iteration" (full batch) or "epoch" (mini-batches): what the printed lines count
   * @param every the printing interval, in units
   * @param printed the printed cost lines, in order
   * @param history every step's cost and every epoch's summary
   * @param trained the images trained on
   * @param validation the images held out for validation, or null
   */
  record Run(List<String> settings, String unit, int every, List<Printed> printed, History history, Dataset trained,
      Dataset validation) {}

  private TrainingReport() {}

  static void write(Path dir, Run run, double learningRate, Sequential model, CatVsNonCat cats) {
    try {
      Files.createDirectories(dir);
      List<String> classes = EvaluateCommand.classNames(cats);
      LabeledImages test = cats.test();
      Matrix testP = model.predict(test.x());
      List<Integer> wrong = new ArrayList<>();
      for (int j = 0; j < test.count(); j++) {
        if ((testP.get(0, j) > 0.5 ? 1.0 : 0.0) != test.y().get(0, j)) {
          wrong.add(j);
        }
      }
      double[] costs = run.history().costs();
      png(CostPlot.draw(run, learningRate), dir.resolve(COST_PLOT));
      StringBuilder csv = new StringBuilder("iteration,cost").append(System.lineSeparator());
      for (int i = 0; i < costs.length; i++) {
        csv.append(i).append(',').append(costs[i]).append(System.lineSeparator());
      }
      text(dir.resolve(COSTS), csv.toString());
      png(MislabeledGrid.draw(test.x(), test.width(), wrong, testP, test.y(), classes), dir.resolve(MISLABELED));

      ClassificationReport trainReport = ClassificationReport.of(model.predict(run.trained().x()), run.trained().y(),
          classes);
      ClassificationReport testReport = ClassificationReport.of(testP, test.y(), classes);
      String nl = System.lineSeparator();
      StringBuilder s = new StringBuilder();
      s.append("jdnn-cat training report").append(nl);
      for (String line : run.settings()) {
        s.append(line).append(nl);
      }
      Printed first = run.printed().get(0);
      Printed last = run.printed().get(run.printed().size() - 1);
      s.append(String.format(Locale.ROOT, "trained: %d epochs, %d iterations%n", run.history().epochs().size(),
          costs.length));
      s.append(String.format(Locale.ROOT, "printed: the cost every %d %ss and of the last, %d lines%n", run.every(),
          run.unit(), run.printed().size()));
      s.append(String.format(Locale.ROOT, "first cost: %s (%s %d, as printed)%nfinal cost: %s (%s %d, as printed)%n",
          first.cost(), run.unit(), first.index(), last.cost(), run.unit(), last.index()));
      ClassificationReport validationReport = null;
      if (run.validation() != null) {
        validationReport = ClassificationReport.of(model.predict(run.validation().x()), run.validation().y(), classes);
        s.append(String.format(Locale.ROOT, "validation accuracy: %s%n", validationReport.accuracy()));
      }
      s.append(String.format(Locale.ROOT, "train accuracy: %s%ntest accuracy: %s%n%n", trainReport.accuracy(),
          testReport.accuracy()));
      s.append(String.format(Locale.ROOT, "Test set, %d images:%n", test.count()));
      s.append(testReport).append(nl);
      s.append(String.format(Locale.ROOT, "Training set, %d images%s:%n", run.trained().count(),
          run.validation() == null ? "" : " (the " + run.validation().count() + " held out for validation are not in it)"));
      s.append(trainReport).append(nl);
      if (validationReport != null) {
        s.append(String.format(Locale.ROOT, "Validation set, %d images:%n", run.validation().count()));
        s.append(validationReport).append(nl);
      }
      s.append("Misclassified test images (index in test_set_x): ").append(wrong).append(nl);
      text(dir.resolve(METRICS), s.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report into " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Each file is written whole or not at all (AtomicFiles): a full disk leaves no truncated PNG. */
  private static void png(BufferedImage image, Path file) throws IOException {
    AtomicFiles.write(file, temporary -> {
      if (!ImageIO.write(image, "png", temporary.toFile())) {
        throw new IOException("no PNG writer for " + file);
      }
    });
  }

  private static void text(Path file, String content) throws IOException {
    AtomicFiles.write(file, temporary -> Files.writeString(temporary, content));
  }
}
