package io.jdnn.core.training.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.math.NumpyRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MiniBatchesTest {

  /** x holds each example's index in both rows; y its index times 10. */
  private static Dataset indexed(int m) {
    Matrix x = Matrix.zeros(2, m);
    Matrix y = Matrix.zeros(1, m);
    for (int j = 0; j < m; j++) {
      x.set(0, j, j);
      x.set(1, j, -j);
      y.set(0, j, 10 * j);
    }
    return new Dataset(x, y);
  }

  private static List<Integer> epoch(MiniBatches batches, int e, List<Batch> seen) {
    List<Integer> order = new ArrayList<>();
    batches.startEpoch(e);
    while (batches.hasNext()) {
      Batch b = batches.next();
      seen.add(b);
      for (int j = 0; j < b.size(); j++) {
        int index = (int) b.x().get(0, j);
        assertThat(b.x().get(1, j)).isEqualTo(-index);
        assertThat(b.y().get(0, j)).as("labels travel with their example").isEqualTo(10.0 * index);
        order.add(index);
      }
    }
    return order;
  }

  @Test
  void everyEpochHoldsEveryExampleOnceInSeededShuffledBatches() {
    MiniBatches batches = new MiniBatches(indexed(10), 4, 1);
    List<Batch> seen = new ArrayList<>();
    List<Integer> first = epoch(batches, 0, seen);
    List<Integer> second = epoch(batches, 1, seen);
    assertThat(new HashSet<>(first)).hasSize(10);
    assertThat(new HashSet<>(second)).hasSize(10);
    assertThat(second).as("reshuffled each epoch").isNotEqualTo(first);
    assertThat(seen).extracting(Batch::size).containsExactly(4, 4, 2, 4, 4, 2);
    // Epoch e's order is the e-th permutation of NumpyRandom(seed).
    NumpyRandom rng = new NumpyRandom(1);
    assertThat(first).containsExactly(boxed(rng.permutation(10)));
    assertThat(second).containsExactly(boxed(rng.permutation(10)));
  }

  @Test
  void batchBuffersAreReusedAfterTheFirstEpoch() {
    MiniBatches batches = new MiniBatches(indexed(10), 4, 2);
    List<Batch> firstEpoch = new ArrayList<>();
    List<Batch> secondEpoch = new ArrayList<>();
    epoch(batches, 0, firstEpoch);
    epoch(batches, 1, secondEpoch);
    for (int i = 0; i < firstEpoch.size(); i++) {
      assertThat(secondEpoch.get(i)).isSameAs(firstEpoch.get(i));
    }
    Set<Batch> distinct = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    distinct.addAll(firstEpoch);
    assertThat(distinct).as("one buffer of the batch size and one for the remainder").hasSize(2);
  }

  /**
   * Images keep their bytes ({@link Matrix#ofUnsignedBytes}); their batches are copied from those
   * bytes and must hold the very doubles of the matrix: compared with the same values as plain
   * doubles, and with the scattered gather straight from the matrix, bit for bit. 37 examples in
   * batches of 8 run both the four-example loop and the one-example rest.
   */
  @Test
  void byteBackedImagesGiveTheSameBatchesAsTheirDoubles() {
    int m = 37;
    byte[] pixels = new byte[5 * m];
    new java.util.Random(4).nextBytes(pixels);
    Matrix images = Matrix.ofUnsignedBytes(5, m, pixels, 255.0);
    Matrix y = Matrix.zeros(2, m);
    for (int j = 0; j < m; j++) {
      y.set(j % 2, j, 1);
    }
    MiniBatches fromBytes = new MiniBatches(new Dataset(images, y), 8, true, 7);
    MiniBatches fromDoubles = new MiniBatches(new Dataset(images.copy(), y), 8, true, 7);
    MiniBatches scattered = new MiniBatches(new Dataset(images, y), 8, true, 7, 0);
    for (int e = 0; e < 3; e++) {
      fromBytes.startEpoch(e);
      fromDoubles.startEpoch(e);
      scattered.startEpoch(e);
      int batches = 0;
      while (fromBytes.hasNext()) {
        Batch b = fromBytes.next();
        Batch d = fromDoubles.next();
        Batch s = scattered.next();
        assertThat(b.x().data()).as("epoch %d batch %d from bytes", e, batches).containsExactly(d.x().data());
        assertThat(b.x().data()).as("epoch %d batch %d scattered", e, batches).containsExactly(s.x().data());
        assertThat(b.y().data()).containsExactly(s.y().data());
        batches++;
      }
      assertThat(batches).isEqualTo(5);
      assertThat(fromDoubles.hasNext()).isFalse();
    }
    assertThat(fromBytes.gathersBytes()).as("copied from the bytes").isTrue();
    assertThat(fromDoubles.gathersBytes()).as("plain doubles stay doubles").isFalse();
  }

  @Test
  void dataTooLargeToHoldTwiceIsGatheredABatchAtATimeInTheSameOrder() {
    MiniBatches perEpoch = new MiniBatches(indexed(10), 4, true, 3);
    MiniBatches perBatch = new MiniBatches(indexed(10), 4, true, 3, 0);
    for (int e = 0; e < 3; e++) {
      List<Batch> seenPerEpoch = new ArrayList<>();
      List<Batch> seenPerBatch = new ArrayList<>();
      assertThat(epoch(perBatch, e, seenPerBatch)).as("epoch %d", e).isEqualTo(epoch(perEpoch, e, seenPerEpoch));
      Set<Batch> distinct = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
      distinct.addAll(seenPerBatch);
      assertThat(distinct).as("one full-size buffer and one for the remainder").hasSize(2);
    }
  }

  @Test
  void anUnshuffledFullBatchIsTheDataItself() {
    Dataset d = indexed(7);
    MiniBatches batches = MiniBatches.fullBatch(d);
    batches.startEpoch(0);
    Batch b = batches.next();
    assertThat(b.x()).isSameAs(d.x());
    assertThat(b.y()).isSameAs(d.y());
    assertThat(batches.hasNext()).isFalse();
  }

  @Test
  void splitIsSeededDisjointAndComplete() {
    Dataset d = indexed(20);
    Dataset.Split s = d.split(0.25, 3);
    assertThat(s.validation().count()).isEqualTo(5);
    assertThat(s.train().count()).isEqualTo(15);
    Set<Double> all = new HashSet<>();
    for (Dataset part : List.of(s.train(), s.validation())) {
      for (int j = 0; j < part.count(); j++) {
        all.add(part.x().get(0, j));
      }
    }
    assertThat(all).hasSize(20);
    assertThat(d.split(0.25, 3).validation()).isEqualTo(s.validation());
    assertThat(d.split(0.25, 4).validation()).isNotEqualTo(s.validation());
  }

  private static Integer[] boxed(int[] values) {
    return java.util.Arrays.stream(values).boxed().toArray(Integer[]::new);
  }

  @Test
  void aRestoredSourceShufflesTheNextEpochsAsTheOriginal() {
    MiniBatches original = new MiniBatches(indexed(13), 5, 3);
    List<Batch> seen = new ArrayList<>();
    epoch(original, 0, seen);
    epoch(original, 1, seen);
    io.jdnn.core.training.state.TrainingState state = new io.jdnn.core.training.state.TrainingState();
    original.saveState(state);
    MiniBatches restored = new MiniBatches(indexed(13), 5, 3);
    restored.restoreState(state);
    for (int e = 2; e < 6; e++) {
      assertThat(epoch(restored, e, seen)).containsExactlyElementsOf(epoch(original, e, seen));
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new MiniBatches(indexed(13), 4, 3).restoreState(state))
        .isInstanceOf(io.jdnn.core.training.state.IncompatibleStateException.class).hasMessageContaining("batch-size")
        .hasMessageContaining("5").hasMessageContaining("4");
  }
}
