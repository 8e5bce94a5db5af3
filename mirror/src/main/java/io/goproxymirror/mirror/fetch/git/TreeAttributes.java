package io.goproxymirror.mirror.fetch.git;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.attributes.Attribute;
import org.eclipse.jgit.attributes.AttributesRule;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The gitattributes of paths in one commit, resolved from the commit's own {@code .gitattributes}
 * files as git 2.39 does for {@code git archive} (no info/attributes, no global or system file):
 * deeper files before shallower ones, later lines before earlier ones, the first value assigned
 * to an attribute wins. Patterns are matched by JGit; the rest follows git where JGit's own
 * handler differs: {@code .gitattributes} must be a regular file (a symlink is ignored), files of
 * 100 MiB or more are ignored, lines are read as {@link AttributesFile} describes, {@code [attr]}
 * macros are defined only by the root file (and the built-in {@code binary}) and expand only when
 * set.
 */
final class TreeAttributes {
  private static final String BINARY_MACRO = "[attr]binary";
  private static final String FILE_NAME = Constants.DOT_GIT_ATTRIBUTES;
  private static final long MAX_FILE_SIZE = 100L << 20;

  private final ObjectReader reader;
  private final RevTree tree;
  private final Map<String, List<AttributesRule>> rulesByDir = new HashMap<>();
  private final Map<String, List<Attribute>> macros = new HashMap<>();

  TreeAttributes(ObjectReader reader, RevTree tree) throws IOException {
    this.reader = reader;
    this.tree = tree;
    macros.put("binary", new AttributesRule(BINARY_MACRO, "-diff -merge -text")
        .getAttributes());
    AttributesFile root = load("");
    rulesByDir.put("", root.rules());
    for (AttributesFile.Macro macro : root.macros()) {
      macros.put(macro.name(), macro.attributes());
    }
  }

  /**
   * The attributes of the file at {@code path} (from the repository root) by name; an attribute
   * explicitly made unspecified ({@code !name}) is present with that state.
   */
  Map<String, Attribute> of(String path) throws IOException {
    Map<String, Attribute> result = new LinkedHashMap<>();
    String dir = parent(path);
    while (true) {
      String relative = dir.isEmpty() ? path : path.substring(dir.length() + 1);
      List<AttributesRule> rules = rules(dir);
      for (int i = rules.size() - 1; i >= 0; i--) {
        AttributesRule rule = rules.get(i);
        if (rule.isMatch(relative, false)) {
          fill(rule.getAttributes(), result);
        }
      }
      if (dir.isEmpty()) {
        return result;
      }
      dir = parent(dir);
    }
  }

  /** Assigns the attributes of one line, last first, each only if still unassigned. */
  private void fill(List<Attribute> attributes, Map<String, Attribute> result) {
    for (int i = attributes.size() - 1; i >= 0; i--) {
      Attribute attribute = attributes.get(i);
      if (result.putIfAbsent(attribute.getKey(), attribute) == null
          && attribute.getState() == Attribute.State.SET
          && macros.containsKey(attribute.getKey())) {
        fill(macros.get(attribute.getKey()), result);
      }
    }
  }

  private List<AttributesRule> rules(String dir) throws IOException {
    List<AttributesRule> cached = rulesByDir.get(dir);
    if (cached == null) {
      cached = load(dir).rules();
      rulesByDir.put(dir, cached);
    }
    return cached;
  }

  /** The parsed .gitattributes of {@code dir}; empty when there is none git would read. */
  private AttributesFile load(String dir) throws IOException {
    String path = dir.isEmpty() ? FILE_NAME : dir + "/" + FILE_NAME;
    try (TreeWalk walk = TreeWalk.forPath(reader, path, tree)) {
      if (walk == null) {
        return AttributesFile.parse(InputStream.nullInputStream());
      }
      FileMode mode = walk.getFileMode(0);
      ObjectId blob = walk.getObjectId(0);
      if ((mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE)
          || reader.getObjectSize(blob, Constants.OBJ_BLOB) >= MAX_FILE_SIZE) {
        return AttributesFile.parse(InputStream.nullInputStream());
      }
      try (InputStream in = new BufferedInputStream(
          reader.open(blob, Constants.OBJ_BLOB).openStream())) {
        return AttributesFile.parse(in);
      }
    }
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }
}
