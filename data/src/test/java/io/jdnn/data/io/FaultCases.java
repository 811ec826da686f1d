package io.jdnn.data.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs one damaged-input case with a bounded time and classifies how it ended. A case may end in
 * the documented {@link FileFormatException} whose message names the file and one of the specific
 * problems jdnn's checks report ({@link #SPECIFIC_PROBLEMS}),
 * or (only where the damage cannot be seen, such as a flipped pixel) in a value the caller checks;
 * anything else fails the test: a hang, an OutOfMemoryError anywhere in the cause chain, any other
 * exception. Shared by the fault tests of every module (core's test jar).
 */
public final class FaultCases {
  /** Generous: a case takes milliseconds; this only turns a hang into a failure. */
  public static final long CASE_TIMEOUT_SECONDS = 20;

  private static final ExecutorService EXECUTOR = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "fault-case");
    t.setDaemon(true); // a hung case must not keep the test JVM alive
    return t;
  });

  private FaultCases() {}

  /**
   * Runs {@code load} on {@code file}; returns its value, or null when it threw a well-formed
   * {@code documented} exception.
   */
  public static <T> T run(String caseName, Path file, Class<? extends FileFormatException> documented,
      Callable<T> load) {
    Future<T> future = EXECUTOR.submit(load);
    try {
      return future.get(CASE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      return fail(caseName + ": no answer after " + CASE_TIMEOUT_SECONDS + " s (a hang)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail(caseName + ": interrupted");
    } catch (ExecutionException e) {
      requireWellFormed(caseName, file, documented, e.getCause());
      return null;
    }
  }

  /**
   * The problems jdnn's checks name, one pattern per check (the message after {@code file: }).
   * A damaged-file message must match one: a message from a catch-all that wrapped whatever was
   * thrown (a NullPointerException, say) matches none and fails the case. Each pattern names the
   * place (the dataset, attribute, superblock field, chunk, layer, picture header) or the exact
   * state of the whole file (empty, cut short of its superblock's length).
   */
  public static final List<Pattern> SPECIFIC_PROBLEMS = Stream.of(
      // HDF5 structure (Superblocks, Hdf5File)
      "the file is empty \\(0 bytes\\), expected an? .+",
      "the file is truncated: its \\d+ bytes end inside the HDF5 superblock, which starts at byte \\d+ and takes at"
          + " least \\d+ bytes",
      "the file is truncated or its header is damaged: it has \\d+ bytes, its HDF5 superblock says it ends at byte \\d+",
      "the HDF5 superblock's (size of offsets|size of lengths|base address|free-space address|end-of-file address"
          + "|driver information address|superblock extension address|root group address) \\(byte \\d+\\) is \\d+, .+",
      "HDF5 superblock version \\d+ at byte \\d+ is not one jdnn reads .+",
      "not a readable HDF5 file: no HDF5 signature at byte 0, 512, 1024, \\.\\.\\. of its \\d+ bytes; .+",
      "not a readable HDF5 file \\((HdfException|HdfFilterException|HdfTypeException|UnsupportedHdfException|HdfChecksumMismatchException|ArithmeticException): .+",
      "cannot list the datasets: the file's root group cannot be read, it is truncated or damaged \\(Hdf\\w*Exception: .+\\)",
      "cannot read (attribute|the shape of dataset|the type of dataset|the storage of dataset|the chunk layout of"
          + " dataset|the chunk at \\[[0-9, ]+\\] of dataset|dataset) '[^']+'.* \\(Hdf\\w*Exception: .+\\)",
      "(has no )?dataset '[^']+'.+",
      "'[^']+' is a group, expected a dataset",
      "the chunk at \\[[0-9, ]+\\] of dataset '[^']+' .+",
      "attribute '[^']+' .+",
      // Model files
      "not a jdnn model file: it has no 'jdnn_format_version' attribute .+",
      "model format version -?\\d+ is not supported; .+",
      "has no 'jdnn_architecture' attribute",
      "layer \\d+ of 'jdnn_architecture' .+",
      "the layers of 'jdnn_architecture' do not chain: .+",
      "the shapes do not chain: dataset 'W\\d+' .+",
      "dataset\\(s\\) \\[.+\\] are not used by the architecture .+",
      // ONNX files (io.jdnn.data.onnx): the field and byte, the node, the input or output it names
      "not a readable ONNX model: .*(byte \\d+|field number \\d+).*",
      "is not an ONNX model: .+",
      "is empty, expected an ONNX model",
      "is an HDF5 file .+",
      "node \\d+ .+",
      "the graph's (input|output) .+",
      "input '[^']*' .+",
      "has \\d+ graph (inputs|outputs) .+",
      "has two initializers called '[^']*'",
      "uses ONNX opset -?\\d+; .+",
      "imports no version of the .+",
      // Pictures
      "the image header declares .+",
      "the image is damaged \\(.+\\)",
      "the image is \\d+x\\d+ pixels, expected at least 1x1",
      "the image has .+",
      "not an image ImageIO can read; .+",
      "cannot decode the image; the \\w+ decoder failed on its data \\(\\w+(: .+)?\\): it is damaged or of an"
          + " unsupported kind",
      "cannot decode the image; it is damaged or of an unsupported kind \\((IIOException|EOFException|IOException)"
          + "(: .+)?\\)",
      "decoded to .+ at row \\d+, column \\d+, channel \\d, .+",
      // IDX files (io.jdnn.data.idx)
      "is truncated or its header is wrong: the header declares .+",
      "is truncated: the data ends after \\d+ bytes.*, in the .+",
      "is corrupt: its gzip check failed after .+",
      "is corrupt: reading .+ at byte \\d+ \\(unpacked\\) failed \\(ZipException: .+\\)",
      "not a readable gzip file \\(\\w+(: .+)?\\)",
      "the header declares .+",
      "starts with 0x[0-9A-F]+( \\(after gunzip\\))?, expected the IDX magic number .+",
      "has \\d+ bytes but its header declares .+",
      "has more data after the .+",
      // CSV tables (io.jdnn.data.csv)
      "line \\d+ has \\d+ cells?, expected \\d+ as in the header .+",
      "line \\d+, column \\d+ \\('[^']*'\\): .+",
      "line \\d+ \\(the header\\).+",
      "the file is empty; expected a header row .+",
      "every row's label \\(column '[^']*'\\) is '[^']*'; a classifier needs at least two classes",
      "is not UTF-8 text: .+",
      "cannot parse the CSV after line \\d+ \\(.+\\)",
      // ONNX files (io.jdnn.data.onnx)
      "not a readable ONNX model: .+",
      "is not an ONNX model: .+",
      "node \\d+ ('[^']*' )?\\(\\w*\\) .+",
      "is empty, expected an ONNX model",
      "is an HDF5 file \\(a jdnn model file\\?\\), not an ONNX model; .+",
      "the graph's output '[^']*' is not where its chain of nodes ends .+",
      "has \\d+ graph (inputs|outputs) .+",
      "input '[^']*' (has shape|is declared with|holds) .+",
      "imports no version of the default ONNX operator set .+",
      "has two initializers called '[^']*'",
      // Checkpoints (io.jdnn.data.checkpoint)
      "entry '[^']*' does not match its crc32 checksum; the file is corrupt",
      "cannot read the checkpoint; the file is truncated or corrupt \\(Hdf\\w*Exception: .+\\)",
      "uses ONNX opset \\d+; .+",
      // The path itself
      "no such .+",
      "is (a directory|a FIFO|a character device|a special file).+")
      .map(p -> Pattern.compile(p, Pattern.DOTALL)).toList();

  /**
   * Asserts {@code thrown} is a {@code documented} exception whose message names {@code file} and
   * one of the {@link #SPECIFIC_PROBLEMS}, with no OutOfMemoryError or StackOverflowError in its
   * cause chain.
   */
  public static void requireWellFormed(String caseName, Path file, Class<? extends FileFormatException> documented,
      Throwable thrown) {
    if (!documented.isInstance(thrown)) {
      throw new AssertionError(caseName + ": expected a " + documented.getSimpleName() + ", got " + thrown, thrown);
    }
    FileFormatException fe = (FileFormatException) thrown;
    assertThat(fe.file()).as(caseName).isEqualTo(file);
    assertThat(fe.getMessage()).as(caseName).startsWith(file + ": ");
    String problem = fe.getMessage().substring((file + ": ").length());
    assertThat(SPECIFIC_PROBLEMS.stream().anyMatch(p -> p.matcher(problem).matches()))
        .as("%s: the message names a specific problem (one of FaultCases.SPECIFIC_PROBLEMS), got: %s", caseName, problem)
        .isTrue();
    for (Throwable t = fe; t != null; t = t.getCause()) {
      if (t instanceof OutOfMemoryError || t instanceof StackOverflowError) {
        throw new AssertionError(caseName + ": a guard should have stopped this before " + t, fe);
      }
    }
  }

  /** The bytes of {@code file}: the intact original a case damages. */
  public static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code content} to {@code dir/name}, a damaged copy for one case, and returns its path. */
  public static Path write(Path dir, String name, byte[] content) {
    try {
      return Files.write(dir.resolve(name), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
