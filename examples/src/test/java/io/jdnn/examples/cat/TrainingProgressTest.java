package io.jdnn.examples.cat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class TrainingProgressTest {

  @Test
  void withoutATerminalItLogsATenthOfTheRunAtATime() {
    assumeFalse(TrainingProgress.stderrIsTerminal(), "standard error of this test run is a terminal");
    Logger logger = (Logger) LoggerFactory.getLogger(TrainingProgress.class);
    ListAppender<ILoggingEvent> events = new ListAppender<>();
    events.start();
    logger.addAppender(events);
    try (TrainingProgress progress = TrainingProgress.start(25)) {
      assertThat(progress.showsBar()).isFalse();
      for (int i = 0; i < 25; i++) {
        progress.onIteration(i, 1.0 / (i + 1));
      }
    } finally {
      logger.detachAppender(events);
    }
    List<String> messages = events.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    // Every 25/10 = 2 iterations, and the last one.
    assertThat(messages).hasSize(13);
    assertThat(messages.get(0)).startsWith("iteration 2/25 (8%), cost 0.500000,");
    assertThat(messages.get(12)).startsWith("iteration 25/25 (100%), cost 0.040000,");
  }
}
