package io.goproxymirror.mirror.errors;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * Looks through a failure and its chain of causes. At most {@link #MAX_DEPTH} links are visited, so
 * a chain that loops back on itself ends the search instead of hanging it.
 */
public final class Causes {
  static final int MAX_DEPTH = 16;

  private Causes() {}

  /** The first of {@code failure} and its causes that is a {@code type} and passes {@code test}. */
  public static <T extends Throwable> Optional<T> first(Throwable failure, Class<T> type, Predicate<? super T> test) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < MAX_DEPTH; t = t.getCause(), depth++) {
      if (type.isInstance(t) && test.test(type.cast(t))) {
        return Optional.of(type.cast(t));
      }
    }
    return Optional.empty();
  }

  /** The first of {@code failure} and its causes that is a {@code type}. */
  public static <T extends Throwable> Optional<T> first(Throwable failure, Class<T> type) {
    return first(failure, type, t -> true);
  }
}
