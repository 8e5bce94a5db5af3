package io.goproxymirror.mirror;

import io.goproxymirror.mirror.auth.users.NewToken;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code java -jar mirror.jar token NAME --groups a,b}: prints a new random token for a user and
 * the users-file entry (name, token-sha256, groups) to paste under {@code users:}. The token is
 * printed once and stored nowhere; the users file holds only its SHA-256.
 */
@Command(name = "token", mixinStandardHelpOptions = true,
    description = "Make a new random token for a user and print the users-file entry that admits it.")
final class TokenCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "NAME", description = "the user name (the Basic user name, as in ~/.netrc)")
  private String name;

  @Option(names = "--groups", paramLabel = "GROUPS", split = ",",
      description = "the user's groups, comma-separated, for example developers,ci")
  private List<String> groups = new ArrayList<>();

  private final PrintStream out;
  private final PrintStream err;
  private final SecureRandom random;

  TokenCommand(PrintStream out, PrintStream err, SecureRandom random) {
    this.out = out;
    this.err = err;
    this.random = random;
  }

  @Override
  public Integer call() {
    NewToken token;
    try {
      token = NewToken.generate(name, groups.stream().map(String::strip).filter(g -> !g.isEmpty()).toList(), random);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
    out.println("token: " + token.token());
    out.println();
    out.println("# users-file entry (paste under \"users:\"); the token above is not stored anywhere:");
    out.print(token.usersFileEntry());
    return 0;
  }
}
