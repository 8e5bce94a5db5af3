package io.goproxymirror.mirror.fetch.git;

import io.goproxymirror.mirror.modzip.CheckoutAttributes;
import io.goproxymirror.mirror.modzip.CheckoutConversion;
import io.goproxymirror.mirror.modzip.GitAttribute;
import io.goproxymirror.mirror.modzip.InvalidModuleZipException;
import io.goproxymirror.mirror.modzip.SourceFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.attributes.Attribute;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * Lists what {@code git archive <commit> -- <moduleDir>} would contain, as the go command sees it:
 * regular and executable files with the conversion their {@code .gitattributes} (at every level
 * of the commit's tree, see {@link TreeAttributes}) ask for, and symbolic links; gitlinks are
 * dropped. Attributes come from the tree only, never from the host's git configuration.
 */
final class ModuleTreeScan {
  private ModuleTreeScan() {}

  /**
   * The files under {@code moduleDir} ("" for the whole tree) in archive order, with paths
   * relative to it.
   *
   * @throws InvalidModuleZipException when the directory is absent or git archive would fail
   */
  static List<ModuleTreeFile> scan(ObjectReader reader, RevTree tree, String moduleDir)
      throws IOException, InvalidModuleZipException {
    String prefix = moduleDir.isEmpty() ? "" : moduleDir + "/";
    int prefixBytes = prefix.getBytes(StandardCharsets.UTF_8).length;
    List<ModuleTreeFile> files = new ArrayList<>();
    boolean matched = false;
    TreeAttributes attributes = new TreeAttributes(reader, tree);
    try (TreeWalk walk = new TreeWalk(reader)) {
      walk.addTree(tree);
      walk.setRecursive(true);
      if (!moduleDir.isEmpty()) {
        walk.setFilter(PathFilter.create(moduleDir));
      }
      while (walk.next()) {
        matched = true;
        FileMode mode = walk.getFileMode(0);
        boolean symlink = mode == FileMode.SYMLINK;
        boolean regular = mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE;
        if (!symlink && !regular) {
          continue;
        }
        SourceFile file = sourceFile(walk.getRawPath(), prefixBytes, symlink);
        CheckoutConversion conversion = symlink ? CheckoutConversion.NONE
            : conversion(attributes.of(walk.getPathString()), walk.getPathString());
        if (walk.getPathString().startsWith(prefix)) {
          files.add(new ModuleTreeFile(file, walk.getObjectId(0), conversion));
        }
      }
    }
    if (!matched) {
      throw new InvalidModuleZipException("git archive: pathspec '" + moduleDir
          + "' did not match any files");
    }
    return files;
  }

  private static CheckoutConversion conversion(Map<String, Attribute> attributes, String path)
      throws InvalidModuleZipException {
    CheckoutAttributes checkout = new CheckoutAttributes(
        attribute(attributes, "text"),
        attribute(attributes, "crlf"),
        attribute(attributes, "eol"),
        attribute(attributes, "ident"),
        attribute(attributes, "working-tree-encoding"));
    try {
      return CheckoutConversion.of(checkout);
    } catch (InvalidModuleZipException e) {
      throw new InvalidModuleZipException(path + ": " + e.getMessage());
    }
  }

  private static GitAttribute attribute(Map<String, Attribute> attributes, String key) {
    Attribute attribute = attributes.get(key);
    if (attribute == null) {
      return GitAttribute.UNSPECIFIED;
    }
    return switch (attribute.getState()) {
      case SET -> GitAttribute.SET;
      case UNSET -> GitAttribute.UNSET;
      case UNSPECIFIED -> GitAttribute.UNSPECIFIED;
      case CUSTOM -> GitAttribute.value(attribute.getValue());
    };
  }

  /** The path after {@code skip} bytes, decoded strictly as UTF-8 (lossily if invalid). */
  private static SourceFile sourceFile(byte[] rawPath, int skip, boolean symlink) {
    ByteBuffer bytes = ByteBuffer.wrap(rawPath, skip, Math.max(0, rawPath.length - skip));
    try {
      String path = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes).toString();
      return new SourceFile(path, symlink, true);
    } catch (CharacterCodingException e) {
      bytes.rewind();
      bytes.position(skip);
      return new SourceFile(StandardCharsets.UTF_8.decode(bytes).toString(), symlink, false);
    }
  }
}
