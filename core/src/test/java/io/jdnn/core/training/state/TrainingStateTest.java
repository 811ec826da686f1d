package io.jdnn.core.training.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.math.NumpyRandom;
import org.junit.jupiter.api.Test;

class TrainingStateTest {

  @Test
  void entriesComeBackAsTheyWerePutUnderTheirScopes() {
    TrainingState state = new TrainingState();
    TrainingState opt = state.scope("optimizer");
    Matrix m = Matrix.of(2, 2, new double[] {1, -0.0, Double.NaN, 4});
    opt.putMatrix("m.0", m);
    opt.putLong("t", 42);
    opt.putSetting("beta1", 0.9);
    state.putBoolean("done", true);
    state.putInts("order", 3, 1, 2);
    m.set(0, 0, 7); // the state holds a copy
    assertThat(state.entries().keySet()).containsExactly("optimizer.m.0", "optimizer.t", "optimizer.beta1", "done",
        "order");
    assertThat(opt.entries()).hasSize(3);
    Matrix into = Matrix.zeros(2, 2);
    state.scope("optimizer").readMatrix("m.0", into);
    assertThat(Double.doubleToRawLongBits(into.get(0, 1))).isEqualTo(Double.doubleToRawLongBits(-0.0));
    assertThat(into.get(0, 0)).isEqualTo(1);
    assertThat(into.get(1, 0)).isNaN();
    assertThat(opt.getLong("t")).isEqualTo(42);
    assertThat(state.getBoolean("done")).isTrue();
    assertThat(state.ints("order")).containsExactly(3, 1, 2);
    assertThat(state.containsScope("optimizer")).isTrue();
    assertThat(state.containsScope("layer1")).isFalse();
  }

  @Test
  void aMissingOrMisshapenEntryIsRefusedNamingIt() {
    TrainingState state = new TrainingState();
    state.scope("optimizer").putMatrix("m.0", Matrix.zeros(3, 2));
    state.putText("name", "x");
    assertThatThrownBy(() -> state.scope("optimizer").readMatrix("m.0", Matrix.zeros(2, 3)))
        .isInstanceOf(IncompatibleStateException.class).hasMessageContaining("optimizer.m.0")
        .hasMessageContaining("3x2").hasMessageContaining("2x3");
    assertThatThrownBy(() -> state.scope("optimizer").getLong("t"))
        .isInstanceOf(IncompatibleStateException.class).hasMessageContaining("no entry 'optimizer.t'")
        .satisfies(e -> assertThat(((IncompatibleStateException) e).entry()).isEqualTo("optimizer.t"));
    assertThatThrownBy(() -> state.getLong("name")).isInstanceOf(IncompatibleStateException.class)
        .hasMessageContaining("holds text, expected integers");
    assertThatThrownBy(() -> state.putLong("bad name", 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aSettingSavedWithAnotherValueIsRefusedWithBothValues() {
    TrainingState state = new TrainingState();
    state.scope("optimizer").putSetting("beta1", 0.9);
    state.scope("optimizer").requireSetting("beta1", 0.9);
    assertThatThrownBy(() -> state.scope("optimizer").requireSetting("beta1", 0.8))
        .isInstanceOf(IncompatibleStateException.class)
        .hasMessage("setting 'optimizer.beta1' is 0.9 in the saved state but 0.8 here");
  }

  @Test
  void aRandomStreamContinuesExactlyWhereItWasSaved() {
    NumpyRandom a = new NumpyRandom(5);
    for (int i = 0; i < 1001; i++) {
      a.nextGaussian(); // odd: a normal is waiting
    }
    TrainingState state = new TrainingState();
    state.putRandom("rng", a);
    NumpyRandom b = new NumpyRandom(5);
    state.readRandom("rng", b);
    for (int i = 0; i < 2000; i++) {
      assertThat(b.nextGaussian()).isEqualTo(a.nextGaussian());
    }
    assertThatThrownBy(() -> state.readRandom("rng", new NumpyRandom(6)))
        .isInstanceOf(IncompatibleStateException.class).hasMessageContaining("seeded 5");
  }

  @Test
  void fingerprintsTellDataApart() {
    Matrix x = Matrix.of(2, 2, new double[] {1, 2, 3, 4});
    Matrix y = x.copy();
    assertThat(TrainingState.fingerprint(x)).isEqualTo(TrainingState.fingerprint(y)).hasSize(16);
    y.set(1, 1, Math.nextUp(4.0));
    assertThat(TrainingState.fingerprint(x)).isNotEqualTo(TrainingState.fingerprint(y));
    assertThat(TrainingState.fingerprint(Matrix.of(1, 4, x.data()))).isNotEqualTo(TrainingState.fingerprint(x));
  }
}
