package io.jdnn.data.hdf5;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The committed HDF5 fixtures of this package (see {@code make_fixtures.py} beside them). */
public final class Fixtures {
  private Fixtures() {}

  /** The fixture file {@code name}, e.g. {@code images-bomb.h5}. */
  public static Path file(String name) {
    URL url = Fixtures.class.getResource("/io/jdnn/data/hdf5/" + name);
    if (url == null) {
      throw new IllegalStateException("no fixture " + name + " on the class path");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
