package io.jdnn.examples.cat;

import io.jdnn.core.training.EpochSummary;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The cost curve as the course plots it after training, drawn with XChart: in bold, the costs
 * {@code train} printed (every {@code --print-every} iterations and the last, against "iterations
 * (per hundreds)" as the course has it; with mini-batches, every {@code --print-every} epochs and
 * the last, each the mean of its mini-batches' costs, against epochs), the learning rate in the
 * title. Behind it, in a lighter colour, the cost of every optimizer step (with mini-batches, one
 * batch's cost, placed at its fraction of the epoch), which shows what sampling hides: the
 * oscillation of full-batch descent, the noise of single batches.
 *
 * <pre>{@code
 * ImageIO.write(CostPlot.draw(run, 0.0075), "png", file);
 * }</pre>
 */
final class CostPlot {
  static final int WIDTH = 800;
  static final int HEIGHT = 600;
  private static final Color COURSE_BLUE = new Color(31, 119, 180); // matplotlib's first colour
  private static final Color LIGHT_BLUE = new Color(174, 199, 232);

  private CostPlot() {}

  /** The plot of {@code run}'s printed costs over every step's cost. */
  static BufferedImage draw(TrainingReport.Run run, double learningRate) {
    return BitmapEncoder.getBufferedImage(chart(run, learningRate));
  }

  /** The chart {@link #draw} renders; its second series is the printed costs. */
  static XYChart chart(TrainingReport.Run run, double learningRate) {
    boolean epochs = run.unit().equals("epoch");
    XYChart chart = new XYChartBuilder()
        .width(WIDTH)
        .height(HEIGHT)
        .title("Learning rate = " + trim(learningRate))
        .xAxisTitle(epochs ? "epochs" : "iterations (per hundreds)")
        .yAxisTitle("cost")
        .build();
    chart.getStyler().setLegendPosition(LegendPosition.InsideNE);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotBackgroundColor(Color.WHITE);
    chart.getStyler().setLegendBorderColor(Color.LIGHT_GRAY);
    chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
    chart.getStyler().setYAxisDecimalPattern("#0.###");
    chart.getStyler().setXAxisDecimalPattern("#0.#");

    double[] costs = run.history().costs();
    double[] x = new double[costs.length];
    if (epochs) {
      // Step i of epoch e (steps start..end-1) at e + (i - start) / (end - start).
      long start = 0;
      for (EpochSummary e : run.history().epochs()) {
        long end = e.iterations();
        for (long i = start; i < end; i++) {
          x[(int) i] = e.epoch() + (double) (i - start) / (end - start);
        }
        start = end;
      }
    } else {
      for (int i = 0; i < x.length; i++) {
        x[i] = i / 100.0;
      }
    }
    XYSeries all = chart.addSeries(epochs ? "each mini-batch step (one batch's cost)" : "every iteration", x, costs);
    all.setMarker(SeriesMarkers.NONE);
    all.setLineColor(LIGHT_BLUE);
    all.setLineWidth(1f);

    int n = run.printed().size();
    double[] sx = new double[n];
    double[] sy = new double[n];
    for (int k = 0; k < n; k++) {
      TrainingReport.Printed p = run.printed().get(k);
      sx[k] = epochs ? p.index() : p.index() / 100.0;
      sy[k] = p.cost();
    }
    XYSeries printed = chart.addSeries("printed: every " + run.every() + " " + run.unit() + "s"
        + (epochs ? " (mean of its batches)" : ", as the course plots it"), sx, sy);
    printed.setMarker(n < 40 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
    printed.setMarkerColor(COURSE_BLUE);
    printed.setLineColor(COURSE_BLUE);
    printed.setLineWidth(2.5f);
    return chart;
  }

  /** 0.0075 rather than 0.007500 or 7.5E-3. */
  private static String trim(double v) {
    return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString().toLowerCase(Locale.ROOT);
  }
}
