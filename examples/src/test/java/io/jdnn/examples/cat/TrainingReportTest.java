package io.jdnn.examples.cat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * {@code --report} agrees with what {@code train} printed, with mini-batches, a validation split and
 * early stopping too: the plotted points are the printed ones, metrics.txt's first and final costs
 * are printed lines, and it names every setting and the images it counts.
 */
class TrainingReportTest {
  private static final Pattern COST_LINE = Pattern.compile("Cost after epoch (\\d+): (\\S+)");

  @TempDir
  Path tmp;

  @Test
  void aMiniBatchRunsReportIsWhatWasPrinted() throws IOException {
    Path report = tmp.resolve("report");
    // Logistic regression at a learning rate this high oscillates, so early stopping ends it.
    CliRun run = CliRun.of("train", "--layers", "12288,1", "--optimizer", "sgd", "--learning-rate", "0.5",
        "--batch-size", "64", "--epochs", "40", "--validation-split", "0.2", "--early-stopping", "2",
        "--print-every", "3", "--report", report.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> out = run.out().lines().toList();
    List<Matcher> printed = out.stream().map(COST_LINE::matcher).filter(Matcher::matches).toList();
    assertThat(printed.size()).isGreaterThan(1);
    Matcher stop = Pattern.compile("Early stopping after epoch (\\d+): restored the weights of epoch (\\d+)")
        .matcher(run.out());
    assertThat(stop.find()).as(run.out()).isTrue();
    Matcher last = printed.get(printed.size() - 1);
    assertThat(last.group(1)).as("the last printed line is the last epoch trained").isEqualTo(stop.group(1));

    String metrics = Files.readString(report.resolve(TrainingReport.METRICS));
    assertThat(metrics)
        .contains("optimizer: sgd, learning rate: 0.5")
        .contains("batch size: 64")
        .contains("validation split: 0.2 (42 of the 209 training images held out")
        .contains("early stopping: patience 2 epochs; stopped after epoch " + stop.group(1)
            + ", restored the weights of epoch " + stop.group(2))
        .contains("first cost: " + printed.get(0).group(2) + " (epoch 0, as printed)")
        .contains("final cost: " + last.group(2) + " (epoch " + last.group(1) + ", as printed)")
        .contains("Training set, 167 images (the 42 held out for validation are not in it)")
        .contains("Validation set, 42 images");
    String validation = out.stream().filter(l -> l.startsWith("Validation accuracy: ")).findFirst().orElseThrow();
    assertThat(metrics).contains("validation accuracy: " + validation.substring("Validation accuracy: ".length()));
    String train = out.stream().filter(l -> l.startsWith("Train accuracy: ")).findFirst().orElseThrow();
    assertThat(metrics).contains("train accuracy: " + train.substring("Train accuracy: ".length()));
  }

  @Test
  void thePlottedPointsAreThePrintedLinesAndTheLegendSaysSo() {
    List<TrainingReport.Printed> printed = List.of(new TrainingReport.Printed(0, 0.7),
        new TrainingReport.Printed(2, 0.5), new TrainingReport.Printed(3, 0.45));
    // 4 epochs of 3 steps
    double[] costs = {0.8, 0.7, 0.6, 0.6, 0.55, 0.5, 0.5, 0.5, 0.48, 0.46, 0.45, 0.44};
    List<io.jdnn.core.training.EpochSummary> epochs = List.of(
        new io.jdnn.core.training.EpochSummary(0, 3, 0.7, Double.NaN, Double.NaN),
        new io.jdnn.core.training.EpochSummary(1, 6, 0.55, Double.NaN, Double.NaN),
        new io.jdnn.core.training.EpochSummary(2, 9, 0.5, Double.NaN, Double.NaN),
        new io.jdnn.core.training.EpochSummary(3, 12, 0.45, Double.NaN, Double.NaN));
    TrainingReport.Run run = new TrainingReport.Run(List.of(), "epoch", 2, printed,
        new io.jdnn.core.training.History(costs, epochs, 3, false), null, null);
    XYChart chart = CostPlot.chart(run, 0.01);
    XYSeries points = chart.getSeriesMap().values().stream().filter(s -> s.getName().startsWith("printed"))
        .findFirst().orElseThrow();
    assertThat(points.getName()).isEqualTo("printed: every 2 epochs (mean of its batches)");
    assertThat(points.getXData()).containsExactly(0.0, 2.0, 3.0);
    assertThat(points.getYData()).containsExactly(0.7, 0.5, 0.45);
    XYSeries steps = chart.getSeriesMap().values().stream().filter(s -> s.getName().startsWith("each mini-batch"))
        .findFirst().orElseThrow();
    assertThat(steps.getXData()[4]).as("step 4: a third into epoch 1").isEqualTo(1 + 1 / 3.0);
    assertThat(chart.getXAxisTitle()).isEqualTo("epochs");
  }
}
