package io.goproxymirror.mirror.modzip;

import java.util.Objects;

/**
 * The state of one git attribute for one path, as git's attribute lookup reports it: set
 * ({@code text}), unset ({@code -text}), set to a value ({@code eol=crlf}) or unspecified.
 *
 * @param state which of the four states
 * @param value the value for {@link State#VALUE}, otherwise null
 */
public record GitAttribute(State state, String value) {

  /** The attribute states of gitattributes(5). */
  public enum State { UNSPECIFIED, SET, UNSET, VALUE }

  public static final GitAttribute UNSPECIFIED = new GitAttribute(State.UNSPECIFIED, null);
  public static final GitAttribute SET = new GitAttribute(State.SET, null);
  public static final GitAttribute UNSET = new GitAttribute(State.UNSET, null);

  public GitAttribute {
    Objects.requireNonNull(state, "state");
    if ((state == State.VALUE) != (value != null)) {
      throw new IllegalArgumentException("a value is required exactly for State.VALUE");
    }
  }

  public static GitAttribute value(String value) {
    return new GitAttribute(State.VALUE, value);
  }

  /** Whether the attribute is set to exactly this value. */
  public boolean hasValue(String expected) {
    return state == State.VALUE && value.equals(expected);
  }
}
