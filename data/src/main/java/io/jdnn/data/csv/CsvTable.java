package io.jdnn.data.csv;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.jdnn.core.math.Matrix;
import io.jdnn.data.io.DataFormatException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A CSV file of numeric features and, optionally, one label column, read with FastCSV (RFC 4180:
 * quoted cells, commas and line breaks inside quotes, a UTF-8 byte-order mark). The first row names
 * the columns; every other non-empty line is one example.
 *
 * <p>Features become {@link #x()}, {@code features x m} (examples in columns, as jdnn computes),
 * in the order of {@link #featureNames()}. Labels stay text ({@link #labels()}, trimmed), because
 * which class is which number is decided by the training data ({@link CsvDataset}). Each cell of a
 * feature must be a finite decimal number ({@code 5.1}, {@code -3}, {@code 1e-4}; spaces around it
 * are ignored); anything else is a {@link DataFormatException} naming the file, the line, the
 * column (number and name) and the cell, e.g.
 * {@code iris.csv: line 7, column 2 ('sepal_width'): 'abc' is not a number}.
 *
 * <pre>{@code
 * CsvTable train = CsvTable.read(Path.of("iris.csv"), "species");  // features: every other column
 * CsvTable rows = CsvTable.readFeatures(Path.of("new.csv"), train.featureNames()); // by name, any order
 * }</pre>
 */
public final class CsvTable {
  private final Path file;
  private final List<String> featureNames;
  private final Matrix x;
  private final String[] labels;
  private final long[] lines;
  private final String labelName;
  private final int labelColumn;

  private CsvTable(Path file, List<String> featureNames, Matrix x, String[] labels, long[] lines, String labelName,
      int labelColumn) {
    this.file = file;
    this.featureNames = featureNames;
    this.x = x;
    this.labels = labels;
    this.lines = lines;
    this.labelName = labelName;
    this.labelColumn = labelColumn;
  }

  /**
   * Training data: the column named {@code label} is the label, every other column a feature, in
   * the file's order.
   *
   * @throws DataFormatException when the file is missing, empty, has no such column or a bad cell
   */
  public static CsvTable read(Path file, String label) {
    return new Parser(file, label, null, false).parse();
  }

  /**
   * Test data for a model trained on {@code featureNames}: the column named {@code label} and one
   * column per feature, found by name in any order; any other column is an error.
   */
  public static CsvTable read(Path file, String label, List<String> featureNames) {
    return new Parser(file, label, featureNames, false).parse();
  }

  /**
   * Rows to predict: one column per feature, found by name in any order; other columns (an id, the
   * label) are ignored. With no names (a model saved without them) every column is a feature, in
   * order.
   */
  public static CsvTable readFeatures(Path file, List<String> featureNames) {
    return new Parser(file, null, featureNames.isEmpty() ? null : featureNames, true).parse();
  }

  /** The file read. */
  public Path file() {
    return file;
  }

  /** The feature columns' names, in the order of {@link #x()}'s rows. */
  public List<String> featureNames() {
    return featureNames;
  }

  /** The features, {@code features x m}. */
  public Matrix x() {
    return x;
  }

  /** The number of examples (rows of data), m. */
  public int count() {
    return x.cols();
  }

  /** The label cell of each example, trimmed; empty when the table was read without a label. */
  public List<String> labels() {
    return labels == null ? List.of() : Arrays.asList(labels);
  }

  /** The line of the file where example {@code j} starts (1 is the header's). */
  public long line(int j) {
    return lines[j];
  }

  /** The label column's name, or null. */
  public String labelName() {
    return labelName;
  }

  /** Where example {@code j}'s label is, for messages: {@code line 7, column 5 ('species')}. */
  public String labelCell(int j) {
    return "line " + lines[j] + ", column " + labelColumn + " ('" + labelName + "')";
  }

  /** The table's parse: the header, then the rows into growing primitive arrays (nothing boxed). */
  private static final class Parser {
    private final Path file;
    private final String label;
    private final List<String> wanted;
    private final boolean ignoreOthers;
    private String[] header;
    private long headerLine;
    /** For each feature (in output order), its 0-based column in the file. */
    private int[] featureColumns;
    private int labelIndex = -1;
    private double[] values = new double[1024];
    private long[] lines = new long[64];
    private String[] labels;
    private int rows;

    Parser(Path file, String label, List<String> wanted, boolean ignoreOthers) {
      this.file = file;
      this.label = label;
      this.wanted = wanted;
      this.ignoreOthers = ignoreOthers;
      this.labels = label == null ? null : new String[64];
    }

    CsvTable parse() {
      if (!Files.isRegularFile(file)) {
        throw new DataFormatException(file, Files.isDirectory(file) ? "is a folder, expected a CSV file"
            : "no such file");
      }
      CsvReader<CsvRecord> reader;
      try {
        // Cell counts are checked here, not by FastCSV, so that the message names the columns.
        reader = CsvReader.builder().allowExtraFields(true).allowMissingFields(true).skipEmptyLines(true)
            .ofCsvRecord(utf8(file));
      } catch (IOException e) {
        throw new DataFormatException(file, "cannot read the file (" + describe(e) + ")", e);
      }
      long lastLine = 0;
      try (reader) {
        Iterator<CsvRecord> records = reader.iterator();
        while (records.hasNext()) {
          CsvRecord record = records.next();
          lastLine = record.getStartingLineNumber();
          if (header == null) {
            header(record);
          } else {
            row(record);
          }
        }
      } catch (CsvParseException | UncheckedIOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
          if (t instanceof CharacterCodingException) {
            throw new DataFormatException(file, "is not UTF-8 text: " + Utf8.firstMalformed(file), e);
          }
        }
        throw new DataFormatException(file, "cannot parse the CSV after line " + lastLine + " (" + describe(e)
            + (e.getCause() == null ? "" : ": " + describe(e.getCause())) + ")", e);
      } catch (IOException e) {
        throw new DataFormatException(file, "cannot read the file (" + describe(e) + ")", e);
      }
      if (header == null) {
        throw new DataFormatException(file, "the file is empty; expected a header row naming the columns, then one"
            + " row per example");
      }
      if (rows == 0) {
        throw new DataFormatException(file, "has a header (line " + headerLine + ") but no rows of data");
      }
      return new CsvTable(file, featureNames(), transpose(), labels == null ? null : Arrays.copyOf(labels, rows),
          Arrays.copyOf(lines, rows), label, labelIndex + 1);
    }

    /**
     * The file as UTF-8 text, without a leading byte-order mark, refusing malformed bytes instead of
     * turning them into U+FFFD. (FastCSV's own BOM detection misreads files shorter than a BOM.)
     */
    private static Reader utf8(Path file) throws IOException {
      BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file));
      try {
        in.mark(3);
        byte[] head = in.readNBytes(3);
        if (!(head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF)) {
          in.reset();
        }
      } catch (IOException e) {
        in.close();
        throw e;
      }
      return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    private void header(CsvRecord record) {
      headerLine = record.getStartingLineNumber();
      header = new String[record.getFieldCount()];
      Map<String, Integer> seen = new HashMap<>();
      for (int c = 0; c < header.length; c++) {
        String name = record.getField(c).strip();
        if (name.isEmpty()) {
          throw new DataFormatException(file, where() + ": column " + (c + 1) + " has no name; every column needs"
              + " one");
        }
        Integer before = seen.putIfAbsent(name, c);
        if (before != null) {
          throw new DataFormatException(file, where() + ": columns " + (before + 1) + " and " + (c + 1)
              + " are both named '" + name + "'");
        }
        header[c] = name;
      }
      if (label != null) {
        Integer at = seen.get(label);
        if (at == null) {
          throw new DataFormatException(file, where() + " has no column '" + label + "' for the label; its columns"
              + " are: " + String.join(", ", header));
        }
        labelIndex = at;
      }
      if (wanted == null) {
        featureColumns = new int[header.length - (labelIndex >= 0 ? 1 : 0)];
        int f = 0;
        for (int c = 0; c < header.length; c++) {
          if (c != labelIndex) {
            featureColumns[f++] = c;
          }
        }
        if (featureColumns.length == 0) {
          throw new DataFormatException(file, where() + " has no feature columns besides the label '" + label + "'");
        }
        return;
      }
      featureColumns = new int[wanted.size()];
      for (int f = 0; f < wanted.size(); f++) {
        Integer at = seen.get(wanted.get(f));
        if (at == null || at == labelIndex) {
          throw new DataFormatException(file, where() + " has no column '" + wanted.get(f) + "', a feature of the"
              + " model; its columns are: " + String.join(", ", header));
        }
        featureColumns[f] = at;
      }
      if (!ignoreOthers) {
        for (int c = 0; c < header.length; c++) {
          if (c != labelIndex && !wanted.contains(header[c])) {
            throw new DataFormatException(file, where() + ": column " + (c + 1) + " ('" + header[c] + "') is not a"
                + " feature of the training data, whose features are: " + String.join(", ", wanted));
          }
        }
      }
    }

    private String where() {
      return "line " + headerLine + " (the header)";
    }

    private void row(CsvRecord record) {
      long line = record.getStartingLineNumber();
      int cells = record.getFieldCount();
      if (cells != header.length) {
        String detail = cells < header.length
            ? "column " + (cells + 1) + " ('" + header[cells] + "')" + (cells + 1 < header.length ? " and after are"
                : " is") + " missing"
            : "column " + (header.length + 1) + " has no name in the header";
        throw new DataFormatException(file, "line " + line + " has " + cells + " cell" + (cells == 1 ? "" : "s")
            + ", expected " + header.length + " as in the header (line " + headerLine + "); " + detail);
      }
      int n = featureColumns.length;
      if ((long) (rows + 1) * n > values.length) {
        values = Arrays.copyOf(values, Math.toIntExact(Math.max((long) (rows + 1) * n, values.length + (values.length
            >> 1))));
      }
      int base = rows * n;
      for (int f = 0; f < n; f++) {
        int c = featureColumns[f];
        values[base + f] = number(record.getField(c), line, c);
      }
      if (rows == lines.length) {
        lines = Arrays.copyOf(lines, rows + (rows >> 1));
        if (labels != null) {
          labels = Arrays.copyOf(labels, lines.length);
        }
      }
      lines[rows] = line;
      if (labels != null) {
        String value = record.getField(labelIndex).strip();
        if (value.isEmpty()) {
          throw new DataFormatException(file, "line " + line + ", column " + (labelIndex + 1) + " ('" + label
              + "'): the label is empty");
        }
        labels[rows] = value;
      }
      rows++;
    }

    private double number(String cell, long line, int column) {
      String text = cell.strip();
      String where = "line " + line + ", column " + (column + 1) + " ('" + header[column] + "'): ";
      if (text.isEmpty()) {
        throw new DataFormatException(file, where + "the cell is empty, expected a number");
      }
      if (!Numbers.isDecimal(text)) {
        throw new DataFormatException(file, where + "'" + Numbers.shorten(text) + "' is not "
            + (Numbers.isNonFinite(text) ? "a finite number" : "a number"));
      }
      double v = Double.parseDouble(text);
      if (Double.isInfinite(v)) {
        throw new DataFormatException(file, where + "'" + Numbers.shorten(text) + "' is too large for a double (it"
            + " overflows to infinity)");
      }
      return v;
    }

    private List<String> featureNames() {
      List<String> names = new ArrayList<>(featureColumns.length);
      for (int c : featureColumns) {
        names.add(header[c]);
      }
      return List.copyOf(names);
    }

    /** The rows (m x n, as read) as {@code n x m}, examples in columns. */
    private Matrix transpose() {
      int n = featureColumns.length;
      Matrix x = Matrix.zeros(n, rows);
      double[] t = x.data();
      for (int j = 0; j < rows; j++) {
        for (int f = 0; f < n; f++) {
          t[f * rows + j] = values[j * n + f];
        }
      }
      values = null;
      return x;
    }
  }

  static String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
