package io.goproxymirror.config.source;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * Turns a YAML parse error into one line with the line and column of the problem. SnakeYAML's
 * message spans several lines: an optional context ({@code while scanning a quoted scalar}) and the
 * problem, each followed by {@code in 'reader', line N, column M:} and a snippet of the document.
 * The snippet is left out: it could show a secret.
 */
final class YamlErrors {

  private static final Pattern MARK = Pattern.compile("line (\\d+), column (\\d+)");

  private YamlErrors() {}

  static String describe(JsonProcessingException e) {
    String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    List<String> headlines =
        message.lines().filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0))).toList();
    List<String> marks = MARK.matcher(message).results().map(MatchResult::group).toList();
    if (headlines.isEmpty()) {
      return "malformed YAML" + at(e.getLocation());
    }
    String problem = headlines.get(headlines.size() - 1);
    String where = marks.isEmpty() ? at(e.getLocation()) : " at " + marks.get(marks.size() - 1);
    StringBuilder out = new StringBuilder("malformed YAML").append(where).append(": ").append(problem);
    if (headlines.size() > 1 && marks.size() > 1) {
      out.append(" (").append(headlines.get(0)).append(" at ").append(marks.get(0)).append(')');
    }
    return out.toString();
  }

  private static String at(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }
}
