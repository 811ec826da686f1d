package io.jdnn.data.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdnn.core.math.Matrix;
import io.jdnn.data.io.DataFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CsvTable} and {@link CsvDataset} on tiny files the test writes: what a good table becomes,
 * and every bad case of the issue with its exact message (file, line, column).
 */
class CsvDatasetTest {
  private static final String HEADER = "length,width,species\n";

  @TempDir
  Path tmp;

  private Path csv(String name, String content) throws IOException {
    return Files.writeString(tmp.resolve(name), content, StandardCharsets.UTF_8);
  }

  private void assertRefused(Path file, String label, String message) {
    assertThatThrownBy(() -> CsvTable.read(file, label)).isInstanceOf(DataFormatException.class)
        .hasMessage(file + ": " + message);
  }

  @Test
  void featuresBecomeColumnsAndClassesAreSorted() throws IOException {
    Path file = csv("iris.csv", HEADER + "5.1,3.5,setosa\n6.2, 2.9 ,versicolor\n\n7.7,3.0,virginica\n-1e-1,+2.,setosa\n");
    CsvDataset data = CsvDataset.load(file, null, "species");
    assertThat(data.featureNames()).containsExactly("length", "width");
    assertThat(data.classes()).containsExactly("setosa", "versicolor", "virginica");
    Matrix x = data.train().x();
    assertThat(x.shape()).isEqualTo("2x4");
    assertThat(x.data()).containsExactly(5.1, 6.2, 7.7, -0.1, 3.5, 2.9, 3.0, 2.0);
    assertThat(data.train().y()).as("one-hot, a row per class").isEqualTo(Matrix.ofRows(
        new double[] {1, 0, 0, 1}, new double[] {0, 1, 0, 0}, new double[] {0, 0, 1, 0}));
    assertThat(data.test()).isNull();
  }

  @Test
  void twoClassesAreOneRowAndTheLaterClassIsOne() throws IOException {
    Path file = csv("cells.csv", "radius,diagnosis\n12.0,malignant\n9.5,benign\n14.1,malignant\n");
    CsvDataset data = CsvDataset.load(file, null, "diagnosis");
    assertThat(data.classes()).containsExactly("benign", "malignant");
    assertThat(data.train().y()).isEqualTo(Matrix.ofRows(new double[] {1, 0, 1}));
  }

  @Test
  void numericClassesSortAsNumbers() throws IOException {
    Path file = csv("n.csv", "x,grade\n1,10\n2,2\n3,9\n4,2\n");
    assertThat(CsvDataset.load(file, null, "grade").classes()).containsExactly("2", "9", "10");
  }

  @Test
  void quotedCellsAByteOrderMarkAndTheLabelAnywhere() throws IOException {
    Path file = csv("q.csv", "\uFEFF\"label\",\"a, with comma\",b\n\"yes\",\"1.5\",2\nno,3,4\n");
    CsvDataset data = CsvDataset.load(file, null, "label");
    assertThat(data.featureNames()).containsExactly("a, with comma", "b");
    assertThat(data.train().x().data()).containsExactly(1.5, 3, 2, 4);
    assertThat(data.classes()).containsExactly("no", "yes");
  }

  @Test
  void theTestFileMayOrderItsColumnsDifferently() throws IOException {
    Path train = csv("train.csv", HEADER + "1,2,a\n3,4,b\n");
    Path test = csv("test.csv", "species,width,length\nb,40,30\n");
    CsvDataset data = CsvDataset.load(train, test, "species");
    assertThat(data.test().x().data()).containsExactly(30, 40);
    assertThat(data.test().y()).isEqualTo(Matrix.ofRows(new double[] {1}));
  }

  @Test
  void aCellThatIsNotANumber() throws IOException {
    assertRefused(csv("bad.csv", HEADER + "5.1,3.5,setosa\n4.9,abc,setosa\n"), "species",
        "line 3, column 2 ('width'): 'abc' is not a number");
  }

  @Test
  void numbersAsJavaWouldReadThemButATableShouldNot() throws IOException {
    assertRefused(csv("hex.csv", HEADER + "0x1p3,1,a\n"), "species", "line 2, column 1 ('length'): '0x1p3' is not a number");
    assertRefused(csv("d.csv", HEADER + "1d,1,a\n"), "species", "line 2, column 1 ('length'): '1d' is not a number");
    assertRefused(csv("comma.csv", HEADER + "\"1,5\",1,a\n"), "species",
        "line 2, column 1 ('length'): '1,5' is not a number");
  }

  @Test
  void anEmptyCell() throws IOException {
    assertRefused(csv("gap.csv", HEADER + "5.1,,setosa\n"), "species",
        "line 2, column 2 ('width'): the cell is empty, expected a number");
  }

  @Test
  void aRowWithTooFewCells() throws IOException {
    assertRefused(csv("short.csv", HEADER + "5.1,3.5,setosa\n4.9,3.0\n"), "species",
        "line 3 has 2 cells, expected 3 as in the header (line 1); column 3 ('species') is missing");
  }

  @Test
  void aRowWithTooManyCells() throws IOException {
    assertRefused(csv("long.csv", HEADER + "5.1,3.5,setosa\n\n4.9,3.0,setosa,extra\n"), "species",
        "line 4 has 4 cells, expected 3 as in the header (line 1); column 4 has no name in the header");
  }

  @Test
  void anEmptyFile() throws IOException {
    assertRefused(csv("empty.csv", ""), "species",
        "the file is empty; expected a header row naming the columns, then one row per example");
    assertRefused(csv("blank.csv", "\n\n"), "species",
        "the file is empty; expected a header row naming the columns, then one row per example");
  }

  @Test
  void aHeaderWithoutRows() throws IOException {
    assertRefused(csv("header.csv", HEADER), "species", "has a header (line 1) but no rows of data");
  }

  @Test
  void aMissingLabelColumn() throws IOException {
    assertRefused(csv("nolabel.csv", HEADER + "1,2,a\n"), "class",
        "line 1 (the header) has no column 'class' for the label; its columns are: length, width, species");
  }

  @Test
  void aClassOnlyInTheTestFile() throws IOException {
    Path train = csv("train.csv", HEADER + "1,2,setosa\n3,4,versicolor\n");
    Path test = csv("test.csv", HEADER + "1,2,setosa\n5,6,virginica\n");
    assertThatThrownBy(() -> CsvDataset.load(train, test, "species")).isInstanceOf(DataFormatException.class)
        .hasMessage(test + ": line 3, column 3 ('species'): class 'virginica' does not occur in the training data ("
            + train + "), whose classes are: setosa, versicolor");
  }

  @Test
  void nanAndInfinity() throws IOException {
    assertRefused(csv("nan.csv", HEADER + "NaN,1,a\n"), "species", "line 2, column 1 ('length'): 'NaN' is not a finite number");
    assertRefused(csv("inf.csv", HEADER + "1,-inf,a\n"), "species", "line 2, column 2 ('width'): '-inf' is not a finite number");
    assertRefused(csv("infinity.csv", HEADER + "1,Infinity,a\n"), "species",
        "line 2, column 2 ('width'): 'Infinity' is not a finite number");
    assertRefused(csv("huge.csv", HEADER + "1e999,1,a\n"), "species",
        "line 2, column 1 ('length'): '1e999' is too large for a double (it overflows to infinity)");
  }

  @Test
  void anEmptyLabel() throws IOException {
    assertRefused(csv("nolabelcell.csv", HEADER + "1,2, \n"), "species", "line 2, column 3 ('species'): the label is empty");
  }

  @Test
  void aSingleClass() throws IOException {
    Path file = csv("one.csv", HEADER + "1,2,a\n3,4,a\n");
    assertThatThrownBy(() -> CsvDataset.load(file, null, "species")).isInstanceOf(DataFormatException.class)
        .hasMessage(file + ": every row's label (column 'species') is 'a'; a classifier needs at least two classes");
  }

  @Test
  void duplicateAndEmptyColumnNames() throws IOException {
    assertRefused(csv("dup.csv", "a,b,a\n1,2,3\n"), "b", "line 1 (the header): columns 1 and 3 are both named 'a'");
    assertRefused(csv("unnamed.csv", "a,,b\n1,2,3\n"), "b", "line 1 (the header): column 2 has no name; every column needs one");
  }

  @Test
  void theTestFileMustHaveTheTrainingColumns() throws IOException {
    Path train = csv("train.csv", HEADER + "1,2,a\n3,4,b\n");
    Path missing = csv("missing.csv", "length,species\n1,a\n");
    assertThatThrownBy(() -> CsvDataset.load(train, missing, "species")).isInstanceOf(DataFormatException.class)
        .hasMessage(missing + ": line 1 (the header) has no column 'width', a feature of the model; its columns are:"
            + " length, species");
    Path extra = csv("extra.csv", "length,width,height,species\n1,2,3,a\n");
    assertThatThrownBy(() -> CsvDataset.load(train, extra, "species")).isInstanceOf(DataFormatException.class)
        .hasMessage(extra + ": line 1 (the header): column 3 ('height') is not a feature of the training data, whose"
            + " features are: length, width");
  }

  @Test
  void rowsToPredictIgnoreOtherColumnsAndNeedNoLabel() throws IOException {
    Path rows = csv("rows.csv", "id,width,length\nx1,2,1\nx2,4,3\n");
    CsvTable table = CsvTable.readFeatures(rows, List.of("length", "width"));
    assertThat(table.x().data()).containsExactly(1, 3, 2, 4);
    assertThat(table.line(1)).isEqualTo(3);
  }

  @Test
  void aMultiLineCellKeepsTheErrorOnOneLine() throws IOException {
    assertRefused(csv("multi.csv", HEADER + "\"1\n2\",3,a\n"), "species",
        "line 2, column 1 ('length'): '1\\n2' is not a number");
  }

  @Test
  void anUnclosedQuoteNamesWhereItStarts() throws IOException {
    assertRefused(csv("quote.csv", HEADER + "1,2,a\n\"3,4,b\n5,6,c\n"), "species",
        "line 3 has 1 cell, expected 3 as in the header (line 1); column 2 ('width') and after are missing");
  }

  @Test
  void bytesThatAreNotUtf8() throws IOException {
    Path file = tmp.resolve("latin1.csv");
    Files.write(file, "x,species\n1,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    assertRefused(file, "species", "is not UTF-8 text: the 1 byte(s) at offset 15 (line 2) are not valid UTF-8;"
        + " save the file as UTF-8");
  }
}
