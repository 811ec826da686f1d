package io.jdnn.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jdnn.core.training.LearningRateSchedule;
import org.junit.jupiter.api.Test;

class SchedulesTest {

  @Test
  void stepDecayDropsByTheFactorEveryInterval() {
    StepDecay s = new StepDecay(0.01, 0.5, 1000);
    assertThat(s.rate(0)).isEqualTo(0.01);
    assertThat(s.rate(999)).isEqualTo(0.01);
    assertThat(s.rate(1000)).isEqualTo(0.005);
    assertThat(s.rate(2500)).isEqualTo(0.0025);
  }

  @Test
  void exponentialDecayIsSmooth() {
    ExponentialDecay s = new ExponentialDecay(0.01, 0.96, 100);
    assertThat(s.rate(0)).isEqualTo(0.01);
    assertThat(s.rate(100)).isCloseTo(0.0096, within(1e-17));
    assertThat(s.rate(50)).isCloseTo(0.01 * Math.sqrt(0.96), within(1e-17));
  }

  @Test
  void inverseTimeDecayIsTheCoursesFormula() {
    InverseTimeDecay s = new InverseTimeDecay(0.01, 1, 100);
    assertThat(s.rate(0)).isEqualTo(0.01);
    assertThat(s.rate(100)).isEqualTo(0.005);
    assertThat(s.rate(300)).isEqualTo(0.0025);
  }

  @Test
  void parsesTheCommandLineForms() {
    assertThat(Schedules.parse("constant", 0.1).rate(12345)).isEqualTo(0.1);
    assertThat(Schedules.parse("step:0.5:10", 0.1)).isEqualTo(new StepDecay(0.1, 0.5, 10));
    assertThat(Schedules.parse("exp:0.9:100", 0.1)).isEqualTo(new ExponentialDecay(0.1, 0.9, 100));
    assertThat(Schedules.parse("inverse:2:50", 0.1)).isEqualTo(new InverseTimeDecay(0.1, 2, 50));
    assertThatThrownBy(() -> Schedules.parse("cosine", 0.1)).hasMessageContaining("'cosine'")
        .hasMessageContaining(Schedules.FORMS);
    assertThatThrownBy(() -> Schedules.parse("step:half:10", 0.1)).hasMessageContaining("half");
    assertThatThrownBy(() -> Schedules.parse("step:0.5:0", 0.1)).hasMessageContaining("at least 1 step");
  }

  @Test
  void constantRejectsNonPositiveRates() {
    assertThatThrownBy(() -> LearningRateSchedule.constant(-1)).hasMessageContaining("-1.0");
  }
}
