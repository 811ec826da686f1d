package io.jdnn.examples.cat;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of {@code jdnn-cat}: its exit code and both output streams. */
record CliRun(int exitCode, String out, String err) {
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = CatClassifier.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new CliRun(code, out.toString(), err.toString());
  }
}
