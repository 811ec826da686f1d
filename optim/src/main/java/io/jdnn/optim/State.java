package io.jdnn.optim;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.nn.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-parameter buffers of a stateful optimizer (velocity, moments): one zero matrix per
 * parameter, in the list's order, with the check that {@code step} gets the parameters
 * {@code initialize} got.
 */
final class State {
  private final String owner;
  private List<Parameter> parameters;
  private List<Matrix> buffers;

  State(String owner) {
    this.owner = owner;
  }

  void allocate(List<Parameter> params) {
    parameters = List.copyOf(params);
    buffers = new ArrayList<>();
    for (Parameter p : params) {
      buffers.add(Matrix.zeros(p.value().rows(), p.value().cols()));
    }
  }

  void clear() {
    if (buffers != null) {
      for (Matrix b : buffers) {
        b.fill(0.0);
      }
    }
  }

  /** The buffer of parameter i, after checking that {@code params} are the initialised ones. */
  Matrix of(List<Parameter> params, int i) {
    if (buffers == null) {
      throw new IllegalStateException(owner + ": step called before initialize");
    }
    if (i == 0 && (params.size() != parameters.size())) {
      throw new IllegalStateException(owner + ": initialized with " + parameters.size() + " parameters, stepped with "
          + params.size());
    }
    if (params.get(i) != parameters.get(i)) {
      throw new IllegalStateException(owner + ": parameter " + i + " (" + params.get(i)
          + ") is not the one given to initialize (" + parameters.get(i) + ")");
    }
    return buffers.get(i);
  }
}
