package io.goproxymirror.mirror.modzip;

import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code working-tree-encoding} as git applies it on checkout: UTF-8 content is converted with
 * iconv (glibc on a little-endian host, as the go command's git runs). Only encodings whose glibc
 * output Java reproduces byte for byte are supported: the UTF-16/UTF-32/UCS-2/UCS-4 family with
 * glibc's byte-order-mark rules and git's {@code UTF-16LE-BOM}/{@code UTF-16BE-BOM}, and a set of
 * single-byte charsets compared code point by code point against glibc.
 */
public final class WorkingTreeEncoding {
  private static final byte[] NO_BOM = {};
  private static final byte[] BOM16_LE = {(byte) 0xFF, (byte) 0xFE};
  private static final byte[] BOM16_BE = {(byte) 0xFE, (byte) 0xFF};
  private static final byte[] BOM32_LE = {(byte) 0xFF, (byte) 0xFE, 0, 0};

  private static final WorkingTreeEncoding UTF16LE = unicode("UTF-16LE", NO_BOM, false);
  private static final WorkingTreeEncoding UTF16BE = unicode("UTF-16BE", NO_BOM, false);
  private static final WorkingTreeEncoding UTF32LE = unicode("UTF-32LE", NO_BOM, false);
  private static final WorkingTreeEncoding UTF32BE = unicode("UTF-32BE", NO_BOM, false);
  private static final WorkingTreeEncoding UCS2LE = unicode("UTF-16LE", NO_BOM, true);
  private static final WorkingTreeEncoding UCS2BE = unicode("UTF-16BE", NO_BOM, true);

  /** glibc names (upper case) of the Unicode encodings, as verified against glibc's iconv. */
  private static final Map<String, WorkingTreeEncoding> UNICODE = Map.ofEntries(
      Map.entry("UTF-16", unicode("UTF-16LE", BOM16_LE, false)),
      Map.entry("UTF16", unicode("UTF-16LE", BOM16_LE, false)),
      Map.entry("UTF-16LE", UTF16LE), Map.entry("UTF16LE", UTF16LE),
      Map.entry("UTF-16BE", UTF16BE), Map.entry("UTF16BE", UTF16BE),
      Map.entry("UTF-32", unicode("UTF-32LE", BOM32_LE, false)),
      Map.entry("UTF32", unicode("UTF-32LE", BOM32_LE, false)),
      Map.entry("UTF-32LE", UTF32LE), Map.entry("UTF32LE", UTF32LE),
      Map.entry("UTF-32BE", UTF32BE), Map.entry("UTF32BE", UTF32BE),
      Map.entry("UCS-2", UCS2LE), Map.entry("UCS2", UCS2LE), Map.entry("UCS-2LE", UCS2LE),
      Map.entry("UNICODELITTLE", UCS2LE),
      Map.entry("UCS-2BE", UCS2BE), Map.entry("UNICODEBIG", UCS2BE),
      Map.entry("UNICODE", unicode("UTF-16LE", BOM16_LE, true)),
      Map.entry("UCS-4", UTF32BE), Map.entry("UCS4", UTF32BE), Map.entry("UCS-4BE", UTF32BE),
      Map.entry("UCS-4LE", UTF32LE), Map.entry("WCHAR_T", UTF32LE));

  /** Java charsets whose encoder tables equal glibc's for every code point. */
  private static final Set<String> SINGLE_BYTE = Set.of(
      "US-ASCII", "ISO-8859-1", "ISO-8859-2", "ISO-8859-3", "ISO-8859-4", "ISO-8859-5",
      "ISO-8859-6", "ISO-8859-7", "ISO-8859-8", "ISO-8859-9", "ISO-8859-13", "ISO-8859-15",
      "ISO-8859-16", "windows-1250", "windows-1251", "windows-1252", "windows-1253",
      "windows-1254", "windows-1256", "windows-1257", "KOI8-R", "KOI8-U", "IBM437", "IBM850",
      "IBM866");

  private final Charset charset;
  private final byte[] bom;
  private final boolean bmpOnly;

  private WorkingTreeEncoding(Charset charset, byte[] bom, boolean bmpOnly) {
    this.charset = charset;
    this.bom = bom;
    this.bmpOnly = bmpOnly;
  }

  /**
   * The encoding git uses for an attribute value; empty when git would not convert at all (the
   * value names UTF-8).
   *
   * @throws InvalidModuleZipException when the encoding is not one this class reproduces exactly
   */
  public static Optional<WorkingTreeEncoding> forName(String name)
      throws InvalidModuleZipException {
    if (isUtf(name, "8") || name.equalsIgnoreCase("UTF-8")) {
      return Optional.empty();
    }
    if (isUtf(name, "16LE-BOM")) {
      return Optional.of(unicode("UTF-16LE", BOM16_LE, false));
    }
    if (isUtf(name, "16BE-BOM")) {
      return Optional.of(unicode("UTF-16BE", BOM16_BE, false));
    }
    WorkingTreeEncoding unicode = UNICODE.get(name.toUpperCase(Locale.ROOT));
    if (unicode != null) {
      return Optional.of(unicode);
    }
    try {
      Charset charset = Charset.forName(name);
      if (SINGLE_BYTE.contains(charset.name())) {
        return Optional.of(new WorkingTreeEncoding(charset, NO_BOM, false));
      }
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      // fall through
    }
    throw new InvalidModuleZipException("working-tree-encoding " + EntryNames.display(name)
        + " is not supported");
  }

  /** A stream that writes the re-encoded form of the UTF-8 bytes written to it into {@code out}. */
  OutputStream encoding(OutputStream out) {
    return new EncodingOutputStream(out, charset, bom, bmpOnly);
  }

  /** git's UTF name comparison: "utf", an optional "-", then {@code rest}, ignoring case. */
  private static boolean isUtf(String name, String rest) {
    if (name.length() < 3 || !name.regionMatches(true, 0, "utf", 0, 3)) {
      return false;
    }
    String tail = name.substring(3);
    if (tail.startsWith("-")) {
      tail = tail.substring(1);
    }
    return tail.equalsIgnoreCase(rest);
  }

  private static WorkingTreeEncoding unicode(String charset, byte[] bom, boolean bmpOnly) {
    return new WorkingTreeEncoding(Charset.forName(charset), bom, bmpOnly);
  }
}
