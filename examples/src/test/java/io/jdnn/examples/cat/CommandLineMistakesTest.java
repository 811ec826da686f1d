package io.jdnn.examples.cat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

/**
 * Mistakes a newcomer makes on the command line get a usage error (exit code 2, one line) that
 * says what to do, before any training: misspelt commands and options, options that contradict
 * each other, two networks typed as one, an output that cannot be written.
 */
class CommandLineMistakesTest {
  @TempDir
  Path tmp;

  @Test
  void aMisspeltCommandOrOptionSuggestsTheRightOne() {
    CliRun command = CliRun.of("trian");
    assertThat(command.exitCode()).isEqualTo(2);
    assertThat(command.err().lines().toList()).hasSize(1);
    assertThat(command.err()).contains("'trian'").contains("did you mean train?");

    CliRun option = CliRun.of("train", "--iteration", "3");
    assertThat(option.exitCode()).isEqualTo(2);
    assertThat(option.out()).isEmpty();
    assertThat(option.err().lines().toList()).hasSize(1);
    assertThat(option.err()).contains("'--iteration'").contains("did you mean --iterations").contains("train --help");
  }

  @Test
  void helpIsACommandToo() {
    CliRun all = CliRun.of("help");
    assertThat(all.exitCode()).isZero();
    assertThat(all.out()).contains("Usage: jdnn-cat").contains("train").contains("evaluate").contains("tune");
    CliRun train = CliRun.of("help", "train");
    assertThat(train.exitCode()).isZero();
    assertThat(train.out()).contains("Usage: jdnn-cat train").contains("--iterations").contains("--save");
  }

  @Test
  void iterationsAndEpochsTogetherAreAUsageError() {
    CliRun run = CliRun.of("train", "--iterations", "300", "--epochs", "5");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines().toList()).hasSize(1);
    assertThat(run.err()).contains("--iterations and --epochs").contains("give one");
  }

  @Test
  void twoNetworksJoinedByACommaAreAUsageErrorNotOneStrangeNetwork() {
    CliRun tune = CliRun.of("tune", "--layers", "12288,7,1,12288,5,1");
    assertThat(tune.exitCode()).isEqualTo(2);
    assertThat(tune.err().lines().toList()).hasSize(1);
    assertThat(tune.err()).contains("--layers 12288,7,1,12288,5,1 looks like two networks")
        .contains("--layers 12288,7,1 --layers 12288,5,1");
    CliRun train = CliRun.of("train", "--layers", "12288,7,1", "--layers", "12288,5,1");
    assertThat(train.exitCode()).isEqualTo(2);
    assertThat(train.err()).contains("looks like two networks").contains("tune compares several");
    // A 1-unit hidden layer that is not followed by the input size again is still a network.
    CliRun bottleneck = CliRun.of("train", "--layers", "12288,1,1", "--iterations", "1");
    assertThat(bottleneck.exitCode()).as(bottleneck.err()).isZero();
  }

  @Test
  void tuneTriesTheNetworkTrainTrainsByDefault() {
    CliRun run = CliRun.of("tune", "--learning-rates", "0.0075", "--iterations", "1");
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> lines = run.out().strip().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1).trim().split("\\s+")[1]).isEqualTo(TrainCommand.DEFAULT_LAYERS);
  }

  @Test
  void saveToAPathThatCannotBeWrittenFailsBeforeTraining() throws IOException {
    Path file = Files.writeString(tmp.resolve("notes.txt"), "a file, not a folder");
    CliRun run = CliRun.of("train", "--save", file.resolve("cat.h5").toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).as("nothing trained").isEmpty();
    assertThat(run.err().lines().toList()).hasSize(1);
    assertThat(run.err()).contains("--save " + file.resolve("cat.h5") + " cannot be written")
        .contains(file + " is a file, not a folder");

    CliRun report = CliRun.of("train", "--report", file.toString());
    assertThat(report.exitCode()).isEqualTo(2);
    assertThat(report.err()).contains("--report " + file + " is a file, expected a folder");

    CliRun folder = CliRun.of("train", "--save", tmp.toString());
    assertThat(folder.exitCode()).isEqualTo(2);
    assertThat(folder.err()).contains("is a folder, expected a file name");
  }

  @Test
  void saveIntoAFolderThatDoesNotExistYetCreatesIt() {
    Path model = tmp.resolve("runs").resolve("first").resolve("cat.h5");
    CliRun run = CliRun.of("train", "--layers", "12288,1", "--iterations", "1", "--save", model.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(model).isRegularFile();
    try (var left = java.util.stream.Stream.of(model.getParent().toFile().list())) {
      assertThat(left).as("no write-check file left behind").containsExactly("cat.h5");
    }
  }

  @Test
  void helpTextNeverCutsAWordSuchAsAFileName() {
    CommandLine root = new CommandLine(new CatClassifier()).setHelpFactory(WordWrapHelp::new);
    List<CommandLine> commands = new ArrayList<>(List.of(root));
    commands.addAll(root.getSubcommands().values());
    for (CommandLine command : commands) {
      StringWriter text = new StringWriter();
      command.usage(new PrintWriter(text), CommandLine.Help.Ansi.OFF);
      String help = text.toString();
      for (String line : help.lines().toList()) {
        assertThat(line.length()).as(command.getCommandName() + ": " + line).isLessThanOrEqualTo(80);
      }
      for (OptionSpec option : command.getCommandSpec().options()) {
        for (String description : option.description()) {
          for (String word : description.split(" ")) {
            if (!word.isEmpty() && !word.contains("${")) {
              assertThat(help).as(command.getCommandName() + " " + option.longestName() + ": '" + word + "' whole")
                  .contains(word);
            }
          }
        }
      }
    }
    StringWriter train = new StringWriter();
    root.getSubcommands().get("train").usage(new PrintWriter(train), CommandLine.Help.Ansi.OFF);
    assertThat(train.toString()).contains("train_catvnoncat.h5").contains("test_catvnoncat.h5");
  }
}
