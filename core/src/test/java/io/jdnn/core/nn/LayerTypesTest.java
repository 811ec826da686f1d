package io.jdnn.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LayerTypesTest {

  /** A parameter-free layer with a setting, as LeakyReLU(alpha) will be. */
  static final class Scaled extends Activation {
    final double factor;

    Scaled(double factor) {
      this.factor = factor;
    }

    @Override
    public double apply(double z) {
      return factor * z;
    }

    @Override
    public double derivative(double z, double a) {
      return factor;
    }
  }

  static final class Other extends Activation {
    @Override
    public double apply(double z) {
      return z;
    }

    @Override
    public double derivative(double z, double a) {
      return 1;
    }
  }

  /** Registered by no one: only ever refused. */
  static final class Third extends Activation {
    @Override
    public double apply(double z) {
      return z;
    }

    @Override
    public double derivative(double z, double a) {
      return 1;
    }
  }

  @Test
  void aRegisteredTypeGoesToASpecAndBack() {
    LayerTypes.register("TestScaled", Scaled.class, l -> Map.of("factor", l.factor), s -> new Scaled(s.number("factor")));
    LayerSpec spec = LayerTypes.describe(new Scaled(0.25));
    assertThat(spec).isEqualTo(new LayerSpec("TestScaled", Map.of("factor", 0.25)));
    Layer rebuilt = LayerTypes.create(spec);
    assertThat(rebuilt).isInstanceOf(Scaled.class);
    assertThat(((Scaled) rebuilt).factor).isEqualTo(0.25);
    assertThat(LayerTypes.names()).contains("TestScaled");
  }

  @Test
  void aNameCannotBeTakenByAnotherClass() {
    // Classes of this test alone (Other, Third): no other test's registration can change the outcome.
    LayerTypes.register("TestOther", Other.class, Other::new);
    assertThatThrownBy(() -> LayerTypes.register("TestOther", Third.class, Third::new))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'TestOther' is already registered for " + Other.class.getName());
  }

  @Test
  void anUnregisteredLayerCannotBeDescribed() {
    Activation anonymous = new Activation() {
      @Override
      public double apply(double z) {
        return z;
      }

      @Override
      public double derivative(double z, double a) {
        return 1;
      }
    };
    assertThatThrownBy(() -> LayerTypes.describe(anonymous))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no registered layer type");
    assertThatThrownBy(() -> LayerTypes.create(LayerSpec.of("NoSuchLayer")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("layer type 'NoSuchLayer' is not registered");
  }

  @Test
  void specGettersNameTheTypeAndKey() {
    LayerSpec spec = new LayerSpec("Dense", Map.of("in", 3.5, "out", "many"));
    assertThatThrownBy(() -> spec.integer("in")).hasMessage("Dense setting 'in' is 3.5, expected a whole number");
    assertThatThrownBy(() -> spec.number("out")).hasMessage("Dense setting 'out' is many, expected a number");
    assertThatThrownBy(() -> spec.integer("size")).hasMessage("Dense needs the setting 'size', found only [in, out]");
  }
}
