package io.jdnn.examples.cat;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.metrics.ClassificationReport;
import io.jdnn.core.nn.Sequential;
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
 * (the misclassified test images), {@value #METRICS} (settings, final cost, accuracies, the
 * classification reports and confusion matrices of both sets, the misclassified test indices) and
 * {@value #COSTS} (every iteration's cost, to plot it some other way). Each file is written
 * atomically: whole, or (on a full disk) not at all.
 *
 * <pre>{@code
 * TrainingReport.write(Path.of("report"), "layers 12288,7,1 ...", 0.0075, 100, costs, model, cats);
 * }</pre>
 */
final class TrainingReport {
  static final String COST_PLOT = "cost.png";
  static final String MISLABELED = "mislabeled.png";
  static final String METRICS = "metrics.txt";
  static final String COSTS = "costs.csv";

  private TrainingReport() {}

  static void write(Path dir, String settings, double learningRate, int every, double[] costs, Sequential model,
      CatVsNonCat cats) {
    try {
      Files.createDirectories(dir);
      List<String> classes = EvaluateCommand.classNames(cats);
      LabeledImages test = cats.test();
      Matrix trainP = model.predict(cats.train().x());
      Matrix testP = model.predict(test.x());
      List<Integer> wrong = new ArrayList<>();
      for (int j = 0; j < test.count(); j++) {
        if ((testP.get(0, j) > 0.5 ? 1.0 : 0.0) != test.y().get(0, j)) {
          wrong.add(j);
        }
      }
      png(CostPlot.draw(costs, learningRate, every), dir.resolve(COST_PLOT));
      StringBuilder csv = new StringBuilder("iteration,cost").append(System.lineSeparator());
      for (int i = 0; i < costs.length; i++) {
        csv.append(i).append(',').append(costs[i]).append(System.lineSeparator());
      }
      text(dir.resolve(COSTS), csv.toString());
      png(MislabeledGrid.draw(test.x(), test.width(), wrong, testP, test.y(), classes), dir.resolve(MISLABELED));

      ClassificationReport trainReport = ClassificationReport.of(trainP, cats.train().y(), classes);
      ClassificationReport testReport = ClassificationReport.of(testP, test.y(), classes);
      StringBuilder s = new StringBuilder();
      s.append("jdnn-cat training report").append(System.lineSeparator());
      s.append(settings).append(System.lineSeparator());
      s.append(String.format(Locale.ROOT, "iterations: %d%nfirst cost: %s%nfinal cost: %s%n", costs.length, costs[0],
          costs[costs.length - 1]));
      s.append(String.format(Locale.ROOT, "train accuracy: %s%ntest accuracy: %s%n%n", trainReport.accuracy(),
          testReport.accuracy()));
      s.append(String.format(Locale.ROOT, "Test set, %d images:%n", test.count()));
      s.append(testReport).append(System.lineSeparator());
      s.append(String.format(Locale.ROOT, "Training set, %d images:%n", cats.train().count()));
      s.append(trainReport).append(System.lineSeparator());
      s.append("Misclassified test images (index in test_set_x): ").append(wrong).append(System.lineSeparator());
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
