package io.peerwork.core;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one place where text that people type is checked: names, titles, goals, notes, reasons, chat
 * lines, addresses and links. The session engine, the series engine and the demo server all ask
 * here, so every entry point (HTTP, WebSocket, an application calling core directly) gives the same
 * answer.
 *
 * <p>A text is {@linkplain #normalize normalized} (Unicode NFC, then stripped of surrounding white
 * space): its length is counted on the normalized text, which is what gets stored; its characters
 * are checked all, the surrounding ones too, so a refused character is never silently dropped. A
 * text is refused
 * if it is empty where the field needs something, longer than the field allows (counted in code
 * points), or holds a control character (line breaks and tabs only where the field may have several
 * lines), a bidirectional override or isolate (U+202A to U+202E, U+2066 to U+2069: they make text
 * display in another order than it is read, e.g. to disguise a name or a file ending) or a
 * zero-width character (U+200B to U+200D, U+2060, U+FEFF: they make two texts that look the same
 * differ). A link must moreover be an absolute {@code http} or {@code https} URI with a host and
 * no user part.
 *
 * <pre>{@code
 * TextRules.check(TextRules.Field.NAME, "Ana\u202Egnp.exe")   // Optional[BIDI_CONTROL]
 * TextRules.check(TextRules.Field.GOAL, "Zwei\nZeilen")       // Optional.empty(): fine
 * TextRules.isReservedName("  gastgeberin ")                  // true
 * }</pre>
 */
public final class TextRules {
  private TextRules() {}

  private static final String PCHAR = "(?:[A-Za-z0-9._~!$&'()*+,;=:@-]|%[0-9A-Fa-f]{2})";
  private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?";
  /**
   * An absolute http(s) URI as RFC 3986 writes it, in ASCII: a host name (or an IPv6 literal), an
   * optional port, then path, query and fragment of URI characters (a percent only as an escape).
   * No user part: {@code https://bank.example@evil.example} names the host after the {@code @}.
   */
  private static final Pattern LINK_PATTERN = Pattern.compile("(?i:https?)://"
      + "(?:" + LABEL + "(?:\\." + LABEL + ")*\\.?|\\[[0-9A-Fa-f:.]+])(?::[0-9]{1,5})?"
      + "(?:/" + PCHAR + "*)*(?:\\?(?:" + PCHAR + "|[/?])*)?(?:#(?:" + PCHAR + "|[/?])*)?");

  /** A kind of text field, with its length range and whether it may have several lines. */
  public enum Field {
    /** A person's display name: 1 to 60 characters, one line. */
    NAME(1, 60, false),
    /** A session's or a series' title: 1 to 120 characters, one line. */
    TITLE(1, 120, false),
    /** A goal: 1 to 280 characters, line breaks allowed. */
    GOAL(1, 280, true),
    /** A help note: up to 500 characters, line breaks allowed. */
    NOTE(0, 500, true),
    /** A reason for a cancellation: up to 280 characters, line breaks allowed. */
    REASON(0, 280, true),
    /** A chat line: 1 to 500 characters, line breaks allowed. */
    CHAT(1, 500, true),
    /** A postal address: 1 to 300 characters, one line. */
    ADDRESS(1, 300, false),
    /** A link to join online: an absolute http(s) URI with a host, 1 to 300 characters. */
    LINK(1, 300, false),
    /**
     * Where an expert helps, when it is not a link: up to 120 characters, one line (empty: not
     * said). A text that starts with {@code http://} or {@code https://} is checked as a {@link
     * #LINK} instead ({@link #helpPlaceField}).
     */
    HELP_PLACE(0, 120, false),
    /** A message pinned at the top of a room: 1 to 280 characters, line breaks allowed. */
    ANNOUNCEMENT(1, 280, true),
    /** One item of a task resource's checklist ({@link TaskResource}): 1 to 200 characters, one line. */
    CHECKLIST_ITEM(1, 200, false);

    private final int min;
    private final int max;
    private final boolean multiline;

    Field(int min, int max, boolean multiline) {
      this.min = min;
      this.max = max;
      this.multiline = multiline;
    }

    /** The fewest characters (code points) the field takes: 0 or 1. */
    public int min() {
      return min;
    }

    /** The most characters (code points) the field takes. */
    public int max() {
      return max;
    }

    /** Whether line breaks (and tabs) are allowed. */
    public boolean multiline() {
      return multiline;
    }
  }

  /** Why a text was refused. */
  public enum Problem {
    /** Nothing but white space where the field needs something. */
    EMPTY,
    /** More characters than the field takes. */
    TOO_LONG,
    /** A control character (or a line break where the field has one line, or a broken surrogate). */
    CONTROL_CHARACTER,
    /** A bidirectional override or isolate (U+202A to U+202E, U+2066 to U+2069). */
    BIDI_CONTROL,
    /** A zero-width character (U+200B to U+200D, U+2060, U+FEFF). */
    ZERO_WIDTH,
    /** Not an absolute http or https link with a host (or it names a user before the host). */
    NOT_A_LINK
  }

  /**
   * Names a person with the role participant may not take, because they are what people read as
   * roles or as the system speaking (German and English), compared after {@linkplain #normalize
   * normalizing} and in lower case.
   */
  public static final Set<String> RESERVED_NAMES = Set.of(
      "host", "gastgeber", "gastgeberin", "gastgeber:in", "gastgeber*in", "gastgeber_in", "gastgeber/in",
      "expert", "expertin", "experte", "experten", "expert:in", "expert*in", "expert_in", "expert/in",
      "expert:innen", "expertinnen", "experts", "moderator", "moderatorin", "moderator:in", "moderator*in",
      "moderation", "admin", "administrator", "administratorin", "administrator:in", "system", "peerwork",
      "organizer", "organiser", "organisator", "organisatorin", "organisator:in", "veranstalter",
      "veranstalterin", "veranstalter:in", "participant", "teilnehmer", "teilnehmerin", "teilnehmer:in",
      "teilnehmer*in");

  /**
   * The field a help place is checked as: {@link Field#LINK} if it starts with {@code http://} or
   * {@code https://} (in any case), else {@link Field#HELP_PLACE}.
   */
  public static Field helpPlaceField(String place) {
    String s = normalize(place).toLowerCase(Locale.ROOT);
    return s.startsWith("http://") || s.startsWith("https://") ? Field.LINK : Field.HELP_PLACE;
  }

  /** {@code text} in Unicode NFC, stripped of white space at both ends: what is checked and stored. */
  public static String normalize(String text) {
    Objects.requireNonNull(text, "text");
    return Normalizer.normalize(text, Normalizer.Form.NFC).strip();
  }

  /** Whether {@code text} is fine for {@code field}. */
  public static boolean isValid(Field field, String text) {
    return check(field, text).isEmpty();
  }

  /** What is wrong with {@code text} for {@code field}, after normalizing it; empty if nothing. */
  public static Optional<Problem> check(Field field, String text) {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(text, "text");
    String s = normalize(text);
    int n = s.codePointCount(0, s.length());
    if (n < field.min()) {
      return Optional.of(Problem.EMPTY);
    }
    if (n > field.max()) {
      return Optional.of(Problem.TOO_LONG);
    }
    // The whole text, not only what stays after stripping: a control character at either end
    // (some count as white space) is refused as well, so a refused character is never just dropped.
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      Problem p = problemOf(cp, field.multiline());
      if (p != null) {
        return Optional.of(p);
      }
      i += Character.charCount(cp);
    }
    if (field == Field.LINK && !isLink(s)) {
      return Optional.of(Problem.NOT_A_LINK);
    }
    return Optional.empty();
  }

  /**
   * Whether {@code name} is one a participant may not take ({@link #RESERVED_NAMES}), in any case
   * and with any white space around it.
   */
  public static boolean isReservedName(String name) {
    return RESERVED_NAMES.contains(normalize(name).toLowerCase(Locale.ROOT));
  }

  /** An English sentence for developers saying what {@code field} takes and what {@code problem} is. */
  public static String describe(Field field, Problem problem) {
    String what = field.name().toLowerCase(Locale.ROOT);
    String range = (field.min() == 0 ? "at most " : field.min() + " to ") + field.max() + " characters";
    return switch (problem) {
      case EMPTY, TOO_LONG -> "a " + what + " has " + range;
      case CONTROL_CHARACTER -> "a " + what + " has no control characters"
          + (field.multiline() ? " but line breaks" : " and one line");
      case BIDI_CONTROL -> "a " + what + " has no bidirectional override or isolate characters";
      case ZERO_WIDTH -> "a " + what + " has no zero-width characters";
      case NOT_A_LINK -> "a link is an absolute http or https address with a host, e.g. https://meet.example.org/room";
    };
  }

  private static Problem problemOf(int cp, boolean multiline) {
    if (cp == '\n' || cp == '\r' || cp == '\t') {
      return multiline ? null : Problem.CONTROL_CHARACTER;
    }
    if (Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029 || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return Problem.CONTROL_CHARACTER;
    }
    if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)
        || cp == 0x200E || cp == 0x200F || cp == 0x061C) { // and the direction marks LRM, RLM, ALM
      return Problem.BIDI_CONTROL;
    }
    if ((cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF || isInvisible(cp)) {
      return Problem.ZERO_WIDTH;
    }
    return null;
  }

  /**
   * Characters that show as nothing (or as blank space that is not a space) and so hide a word's
   * real letters: the soft hyphen, the combining grapheme joiner, invisible operators, Hangul fillers,
   * Khmer inherent vowels and the Mongolian vowel separator. ("Ho\u00ADst" must not pass as another
   * name than "Host", nor a Hangul filler as a name.)
   */
  private static boolean isInvisible(int cp) {
    return cp == 0x00AD || cp == 0x034F || cp == 0x115F || cp == 0x1160 || cp == 0x17B4 || cp == 0x17B5
        || cp == 0x180E || (cp >= 0x2061 && cp <= 0x2064) || cp == 0x3164 || cp == 0xFFA0;
  }

  private static boolean isLink(String s) {
    return LINK_PATTERN.matcher(s).matches();
  }
}
