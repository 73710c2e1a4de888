package io.peerwork.core.series;

import java.util.Locale;
import java.util.Set;

/**
 * Which addresses reach the same person, and how many places of a date one mail domain may hold.
 *
 * <p>A registration proves that someone reads an address's mail, but one person can read many
 * addresses: every {@code name+tag@} of their mailbox, every {@code n.a.m.e@gmail.com}, and every
 * address of a catch-all domain they own. So a date's places are counted per {@linkplain #mailbox
 * mailbox} (one active registration each), and per domain up to {@link #maxPerDomain} (a third of
 * the capacity, at least 2), except for the {@linkplain #isPublicProvider public mail providers},
 * whose addresses belong to unrelated people.
 */
public final class Mailboxes {
  /**
   * Domains of public mail providers common in German-speaking countries and beyond: many unrelated
   * people, so no share per domain. Kept short on purpose; a provider missing here only means its
   * users share the per-domain places of a date.
   */
  private static final Set<String> PUBLIC_PROVIDERS = Set.of(
      "gmail.com", "googlemail.com", "gmx.at", "gmx.de", "gmx.net", "gmx.ch", "web.de", "t-online.de",
      "outlook.com", "outlook.de", "hotmail.com", "hotmail.de", "live.com", "live.de", "live.at", "msn.com",
      "yahoo.com", "yahoo.de", "icloud.com", "me.com", "mac.com", "aon.at", "a1.net", "chello.at", "bluewin.ch",
      "posteo.de", "posteo.net", "mailbox.org", "proton.me", "protonmail.com", "freenet.de", "arcor.de",
      "online.de", "tutanota.com", "tuta.io", "aol.com", "mail.de", "kabelmail.de", "vodafone.de");

  private Mailboxes() {}

  /**
   * The mailbox an address reaches: lower case, without a {@code +tag}, and for Gmail without dots
   * in the local part ({@code An.Na+x@GoogleMail.com} and {@code anna@gmail.com} are one mailbox).
   */
  public static String mailbox(String email) {
    String e = SeriesState.normalize(email);
    int at = e.lastIndexOf('@');
    if (at < 1) {
      return e;
    }
    String local = e.substring(0, at);
    String domain = e.substring(at + 1);
    int plus = local.indexOf('+');
    if (plus > 0) {
      local = local.substring(0, plus);
    }
    if (domain.equals("gmail.com") || domain.equals("googlemail.com")) {
      local = local.replace(".", "");
      domain = "gmail.com";
    }
    return local + "@" + domain;
  }

  /** The domain of an address, in lower case. */
  public static String domain(String email) {
    String e = SeriesState.normalize(email);
    return e.substring(e.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
  }

  /** Whether {@code domain} is a public mail provider (no share per domain). */
  public static boolean isPublicProvider(String domain) {
    return PUBLIC_PROVIDERS.contains(domain.toLowerCase(Locale.ROOT));
  }

  /** How many active registrations (seated or waitlisted) of one date one domain may hold. */
  public static int maxPerDomain(int capacity) {
    return Math.max(2, (capacity + 2) / 3);
  }
}
