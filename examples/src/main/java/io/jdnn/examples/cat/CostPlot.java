package io.jdnn.examples.cat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The cost curve as the course plots it after training ({@code plt.plot(costs)}, y "cost", the
 * learning rate in the title), drawn with XChart: every iteration's cost, so the curve is the
 * course's with all the points between its hundreds.
 *
 * <pre>{@code
 * ImageIO.write(CostPlot.draw(costs, 0.0075), "png", file);
 * }</pre>
 */
final class CostPlot {
  static final int WIDTH = 800;
  static final int HEIGHT = 600;

  private CostPlot() {}

  static BufferedImage draw(double[] costs, double learningRate) {
    XYChart chart = new XYChartBuilder()
        .width(WIDTH)
        .height(HEIGHT)
        .title("Learning rate = " + trim(learningRate))
        .xAxisTitle("iterations")
        .yAxisTitle("cost")
        .build();
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
    chart.getStyler().setYAxisDecimalPattern("#0.###");
    chart.getStyler().setXAxisDecimalPattern("#0");
    chart.getStyler().setXAxisTickMarkSpacingHint(90); // a few round iteration counts, not a crowd
    double[] x = new double[costs.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = i;
    }
    XYSeries series = chart.addSeries("cost", x, costs);
    series.setMarker(SeriesMarkers.NONE);
    series.setLineColor(new Color(31, 119, 180)); // matplotlib's first colour, as in the course's plot
    return BitmapEncoder.getBufferedImage(chart);
  }

  /** 0.0075 rather than 0.007500 or 7.5E-3. */
  private static String trim(double v) {
    return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString().toLowerCase(Locale.ROOT);
  }
}
