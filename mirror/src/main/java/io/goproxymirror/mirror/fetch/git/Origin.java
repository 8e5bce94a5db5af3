package io.goproxymirror.mirror.fetch.git;

import io.goproxymirror.gomod.Quoted;
import java.util.Objects;

/**
 * Where a resolved version came from, as the go command records it in {@code .info} files
 * (PROTOCOL §1.3). Empty strings are left out of the JSON.
 *
 * @param vcs {@code "git"}
 * @param url the repository URL
 * @param subdir the module directory in the repository without any {@code /vN} suffix
 * @param ref the tag or branch the query went through ({@code refs/tags/v1.0.0},
 *     {@code refs/heads/main}), or {@code ""} when it went through {@code HEAD} or named a commit
 *     by hash that no tag or branch points at
 * @param hash the full commit hash
 */
public record Origin(String vcs, String url, String subdir, String ref, String hash) {
  public Origin {
    Objects.requireNonNull(vcs, "vcs");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(subdir, "subdir");
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(hash, "hash");
  }

  /** The JSON object, fields in the go command's order (VCS, URL, Subdir, Ref, Hash). */
  String json() {
    StringBuilder out = new StringBuilder("{");
    field(out, "VCS", vcs);
    field(out, "URL", url);
    field(out, "Subdir", subdir);
    field(out, "Ref", ref);
    field(out, "Hash", hash);
    return out.append('}').toString();
  }

  private static void field(StringBuilder out, String name, String value) {
    if (value.isEmpty()) {
      return;
    }
    if (out.length() > 1) {
      out.append(',');
    }
    out.append('"').append(name).append("\":").append(Quoted.json(value));
  }
}
