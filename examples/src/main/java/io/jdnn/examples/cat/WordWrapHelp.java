package io.jdnn.examples.cat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * picocli's help, wrapped only at spaces. picocli wraps the last column with Java's line
 * {@code BreakIterator}, which also breaks after a full stop or a slash followed by a letter, so
 * {@code train_catvnoncat.h5} or {@code datasets/catvnoncat} could be cut in two at the end of a line
 * ({@code train_catvnoncat.} / {@code h5}). Here a line ends only at a space; a word longer than a
 * whole line is still cut, as nothing else fits.
 *
 * <pre>{@code
 * new CommandLine(new CatClassifier()).setHelpFactory(WordWrapHelp::new);
 * }</pre>
 */
final class WordWrapHelp extends Help {

  WordWrapHelp(CommandSpec spec, ColorScheme colorScheme) {
    super(spec, colorScheme);
  }

  @Override
  public Layout createDefaultLayout(List<OptionSpec> options, List<PositionalParamSpec> positionals,
      ColorScheme colorScheme) {
    Layout layout = super.createDefaultLayout(options, positionals, colorScheme);
    return new Layout(colorScheme, new SpaceWrappingTable(colorScheme, layout.textTable()), layout.optionRenderer(),
        layout.parameterRenderer());
  }

  @Override
  public TextTable createTextTable(Map<?, ?> map) {
    return new SpaceWrappingTable(colorScheme(), super.createTextTable(map));
  }

  /** A table with the columns of {@code like} whose wrapping columns break lines at spaces only. */
  static final class SpaceWrappingTable extends TextTable {
    private final ColorScheme scheme;

    SpaceWrappingTable(ColorScheme colorScheme, TextTable like) {
      super(colorScheme, like.columns());
      this.scheme = colorScheme;
      this.indentWrappedLines = like.indentWrappedLines;
      setAdjustLineBreaksForWideCJKCharacters(like.isAdjustLineBreaksForWideCJKCharacters());
    }

    @Override
    public Cell putValue(int row, int col, Text value) {
      Column column = columns()[col];
      if (value == null || column.overflow != Column.Overflow.WRAP || col != columns().length - 1) {
        return super.putValue(row, col, value);
      }
      int first = column.width - column.indent;
      if (value.plainString().length() <= first) {
        return super.putValue(row, col, value);
      }
      String indent = " ".repeat(indentWrappedLines);
      List<int[]> lines = lines(value.plainString(), first, first - indentWrappedLines);
      Cell cell = super.putValue(row, col, value.substring(lines.get(0)[0], lines.get(0)[1]));
      for (int[] line : lines.subList(1, lines.size())) {
        addEmptyRow();
        Text wrapped = scheme.ansi().new Text(indent, scheme).concat(value.substring(line[0], line[1]));
        cell = super.putValue(rowCount() - 1, col, wrapped);
      }
      return cell;
    }

    /** [start, end) of each line of {@code text}: the first at most {@code first} wide, the others {@code rest}. */
    static List<int[]> lines(String text, int first, int rest) {
      List<int[]> lines = new ArrayList<>();
      int start = 0;
      int width = first;
      while (start < text.length()) {
        int end = Math.min(text.length(), start + width);
        if (end < text.length()) {
          int space = text.lastIndexOf(' ', end);
          if (space > start) {
            end = space;
          } else {
            int next = text.indexOf(' ', start);
            end = next < 0 ? text.length() : next; // one word longer than the line: whole, then cut
          }
        }
        lines.add(new int[] {start, end});
        start = end;
        while (start < text.length() && text.charAt(start) == ' ') {
          start++;
        }
        width = rest;
      }
      return lines;
    }
  }
}
