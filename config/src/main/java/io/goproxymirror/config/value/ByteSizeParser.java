package io.goproxymirror.config.value;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a size in bytes: a plain whole number ({@code 67108864}) or a whole number with a binary
 * suffix {@code KiB}, {@code MiB}, {@code GiB} or {@code TiB} ({@code 64MiB}; a space before the
 * suffix and any letter case are accepted). Decimal suffixes ({@code KB}, {@code MB}, {@code GB})
 * are rejected as ambiguous.
 */
public final class ByteSizeParser {

  private static final String HINT = "(use bytes or a KiB, MiB, GiB suffix: 65536, 512KiB, 64MiB)";
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([A-Za-z]*)");
  private static final Map<String, Long> MULTIPLIERS =
      Map.of("", 1L, "b", 1L, "kib", 1L << 10, "mib", 1L << 20, "gib", 1L << 30, "tib", 1L << 40);
  private static final Set<String> AMBIGUOUS =
      Set.of("k", "kb", "m", "mb", "g", "gb", "t", "tb", "ki", "mi", "gi", "ti");

  private ByteSizeParser() {}

  /**
   * @param text for example {@code 64MiB} or {@code 1048576}
   * @return the size in bytes, never negative
   * @throws IllegalArgumentException with a one-line reason
   */
  public static long parse(String text) {
    String s = text == null ? "" : text.strip();
    Matcher m = SIZE.matcher(s);
    if (!m.matches()) {
      throw new IllegalArgumentException("invalid size \"" + s + "\" " + HINT);
    }
    String unit = m.group(2).toLowerCase(Locale.ROOT);
    if (AMBIGUOUS.contains(unit)) {
      throw new IllegalArgumentException(
          "invalid size \"" + s + "\": unit \"" + m.group(2) + "\" is ambiguous, use KiB, MiB or GiB");
    }
    Long multiplier = MULTIPLIERS.get(unit);
    if (multiplier == null) {
      throw new IllegalArgumentException("invalid size \"" + s + "\" " + HINT);
    }
    try {
      return Math.multiplyExact(Long.parseLong(m.group(1)), multiplier);
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("size \"" + s + "\" is too large");
    }
  }
}
