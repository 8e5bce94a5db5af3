package io.goproxymirror.mirror.testkit;

import java.util.List;

/** The outcome of one finished external process: its command line, exit code and captured output. */
public record ProcessResult(List<String> command, int exitCode, String stdout, String stderr) {

  public boolean succeeded() {
    return exitCode == 0;
  }

  /** A multi-line description for assertion messages, including stderr. */
  public String describe() {
    return "command: " + String.join(" ", command)
        + "\nexit code: " + exitCode
        + "\nstderr:\n" + stderr
        + (stdout.isBlank() ? "" : "\nstdout:\n" + stdout);
  }
}
