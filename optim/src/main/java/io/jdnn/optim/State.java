package io.jdnn.optim;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.nn.Parameter;
import io.jdnn.core.training.state.IncompatibleStateException;
import io.jdnn.core.training.state.TrainingState;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-parameter buffers of a stateful optimizer (velocity, moments): one zero matrix per
 * parameter, in the list's order, with the check that {@code step} gets the parameters
 * {@code initialize} got, and their saving and restoring for checkpoints (entries
 * {@code name.0, name.1, ...}, one per parameter).
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

  /** Saves buffer i as {@code name.i}. */
  void save(TrainingState state, String name) {
    requireAllocated("saveState");
    for (int i = 0; i < buffers.size(); i++) {
      state.putMatrix(name + "." + i, buffers.get(i));
    }
  }

  /** Reads buffer i from {@code name.i}; the state must hold one buffer per parameter, of its shape. */
  void restore(TrainingState state, String name) {
    requireAllocated("restoreState");
    if (state.contains(name + "." + buffers.size())) {
      throw new IncompatibleStateException(name + "." + buffers.size(), owner + ": the saved state has entry '" + name + "."
          + buffers.size() + "', more " + name + " buffers than this model's " + buffers.size() + " parameters");
    }
    for (int i = 0; i < buffers.size(); i++) {
      state.readMatrix(name + "." + i, buffers.get(i));
    }
  }

  private void requireAllocated(String what) {
    if (buffers == null) {
      throw new IllegalStateException(owner + ": " + what + " called before initialize");
    }
  }
}
