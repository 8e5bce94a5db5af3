package io.goproxymirror.mirror.fetch.git.locate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.parser.ParseSettings;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Reads go-import tags from a go-get page the way the go command's {@code parseMetaGoImports}
 * does. The go command runs a lenient XML tokenizer, so jsoup's XML parser is used (not the HTML
 * tree builder, which would move tags between head and body), with names folded to lower case so
 * that end tags match their start tags in any case: elements are visited in source order and
 * reading stops at the first {@code <body>} start or explicit {@code </head>} end. Element and
 * attribute names are case-insensitive; the name value must be exactly {@code go-import}; the
 * content must split on white space into 3 fields, or 4 with a subdirectory (Go 1.25+), else the
 * tag is skipped. Then {@code mod} tags are put first and hide other tags with the same prefix.
 *
 * <p>Known difference: a stray {@code </head>} with no open head element is dropped by jsoup, so
 * reading goes on past it where the go command would stop.
 */
final class MetaImportParser {
  private static final Pattern FIELDS = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

  /**
   * The tags found, in the go command's order.
   *
   * @param headEnded whether reading stopped at {@code <body>} or {@code </head>} rather than at
   *     the end of the text (which tells whether a truncated page was read far enough)
   */
  record Result(List<MetaImport> imports, boolean headEnded) {}

  private MetaImportParser() {}

  static Result parse(String html) {
    Parser xml = Parser.xmlParser().settings(ParseSettings.htmlDefault).setTrackPosition(true);
    Document doc = Jsoup.parse(html, "", xml);
    List<MetaImport> found = new ArrayList<>();
    boolean[] ended = {false};
    NodeTraversor.filter(new NodeFilter() {
      @Override
      public FilterResult head(Node node, int depth) {
        if (!(node instanceof Element e)) {
          return FilterResult.CONTINUE;
        }
        if (e.normalName().equalsIgnoreCase("body")) {
          ended[0] = true;
          return FilterResult.STOP;
        }
        if (e.normalName().equalsIgnoreCase("meta")
            && "go-import".equals(e.attributes().getIgnoreCase("name"))) {
          String[] f = FIELDS.split(e.attributes().getIgnoreCase("content").strip());
          if (f.length == 3 || f.length == 4) {
            found.add(new MetaImport(f[0], f[1], f[2], f.length == 4 ? f[3] : ""));
          }
        }
        return FilterResult.CONTINUE;
      }

      @Override
      public FilterResult tail(Node node, int depth) {
        if (node instanceof Element e && e.normalName().equalsIgnoreCase("head") && closedExplicitly(e)) {
          ended[0] = true;
          return FilterResult.STOP;
        }
        return FilterResult.CONTINUE;
      }
    }, doc);
    return new Result(modFirst(found), ended[0]);
  }

  /** jsoup gives an element closed implicitly (at the end of the text) an empty end range. */
  private static boolean closedExplicitly(Element e) {
    return e.endSourceRange().endPos() > e.endSourceRange().startPos();
  }

  private static List<MetaImport> modFirst(List<MetaImport> all) {
    List<MetaImport> list = new ArrayList<>();
    Set<String> modPrefixes = new HashSet<>();
    for (MetaImport m : all) {
      if (m.isMod()) {
        modPrefixes.add(m.prefix());
        list.add(m);
      }
    }
    for (MetaImport m : all) {
      if (!m.isMod() && !modPrefixes.contains(m.prefix())) {
        list.add(m);
      }
    }
    return List.copyOf(list);
  }
}
