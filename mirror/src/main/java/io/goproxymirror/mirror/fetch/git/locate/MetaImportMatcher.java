package io.goproxymirror.mirror.fetch.git.locate;

import io.goproxymirror.mirror.errors.NotFoundException;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks the go-import tag for an import path as the go command's {@code matchGoImport}: the tag's
 * prefix must be a path prefix of the import path; two matching tags are an error, except that a
 * {@code mod} tag followed by non-mod matches wins (mod tags come first).
 */
final class MetaImportMatcher {
  private static final int MAX_LISTED = 3;

  private MetaImportMatcher() {}

  /**
   * The one matching tag.
   *
   * @param where the page URL, for messages
   * @throws NotFoundException when none or several tags match
   */
  static MetaImport select(List<MetaImport> imports, String importPath, String where) {
    MetaImport match = null;
    List<String> mismatches = new ArrayList<>();
    for (MetaImport im : imports) {
      if (!PathPrefix.matches(importPath, im.prefix())) {
        mismatches.add(im.prefix());
        continue;
      }
      if (match != null) {
        if (match.isMod() && !im.isMod()) {
          break;
        }
        throw new NotFoundException(
            importPath + ": multiple go-import meta tags match the import path at " + where);
      }
      match = im;
    }
    if (match == null) {
      throw new NotFoundException(importPath + ": no go-import meta tags at " + where
          + (mismatches.isEmpty() ? "" : " (prefixes " + listed(mismatches) + " do not match)"));
    }
    return match;
  }

  private static String listed(List<String> prefixes) {
    String shown = String.join(", ", prefixes.subList(0, Math.min(MAX_LISTED, prefixes.size())));
    return prefixes.size() > MAX_LISTED ? shown + ", ..." : shown;
  }
}
