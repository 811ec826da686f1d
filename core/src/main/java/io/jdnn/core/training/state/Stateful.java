package io.jdnn.core.training.state;

/**
 * Something that training changes besides the model's parameters, and that a run must get back to
 * continue exactly where it stopped: an optimizer's moments and step count, a layer's random
 * stream, the shuffling of mini-batches, a batch-normalisation layer's running averages.
 *
 * <p><b>Contract.</b> After {@code b.restoreState(s)}, where {@code a.saveState(s)} wrote
 * {@code s} and {@code b} was built with the same settings as {@code a} (and, for an optimizer,
 * {@link io.jdnn.core.training.Optimizer#initialize initialized} with parameters of the same shapes), {@code b} computes
 * exactly what {@code a} would have computed next, bit for bit.
 * <ul>
 *   <li>{@link #saveState} writes named arrays and scalars into the {@link TrainingState} it is
 *       given, which is already scoped to this object (names need only be unique within it); the
 *       values are copied, so the object may change afterwards. It also writes the settings that
 *       give the state its meaning ({@link TrainingState#putSetting}), e.g. Adam's betas.
 *   <li>{@link #restoreState} reads them back into this object's own buffers and refuses, with an
 *       {@link IncompatibleStateException} naming the entry, a state that is missing an entry,
 *       has another shape or was saved under other settings. It reads everything before it changes
 *       anything, where it can, so that a refused state leaves the object as it was.
 *   <li>The {@link io.jdnn.core.training.Trainer} calls both between epochs, never inside a step, so neither needs to be
 *       allocation-free.
 * </ul>
 * The {@link io.jdnn.core.training.Trainer} saves and restores every optimizer, learning-rate schedule, layer and batch
 * source that implements this interface; an object that keeps state between steps and does not
 * implement it cannot be resumed exactly. The format of the file a state goes into is
 * {@code io.jdnn.data.checkpoint.CheckpointFile}'s business, not this interface's.
 *
 * <pre>{@code
 * final class Counter implements Stateful {
 *   private long seen;
 *   public void saveState(TrainingState s) { s.putLong("seen", seen); }
 *   public void restoreState(TrainingState s) { seen = s.getLong("seen"); }
 * }
 * }</pre>
 */
public interface Stateful {

  /** Writes this object's state (copies) into {@code state}, scoped to this object. */
  void saveState(TrainingState state);

  /**
   * Puts this object back into the state {@code state} holds.
   *
   * @throws IncompatibleStateException when an entry is missing, of another kind or shape, or the
   *     state was saved under other settings
   */
  void restoreState(TrainingState state);
}
