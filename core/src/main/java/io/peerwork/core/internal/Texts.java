package io.peerwork.core.internal;

/** Checks on text that people type. */
public final class Texts {
  private Texts() {}

  /**
   * Whether {@code text}, stripped, has {@code min} to {@code max} code points and no control
   * characters except, if {@code multiline}, line breaks and tabs.
   */
  public static boolean isValid(String text, int min, int max, boolean multiline) {
    String s = text.strip();
    int n = s.codePointCount(0, s.length());
    if (n < min || n > max) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c) && !(multiline && (c == '\n' || c == '\r' || c == '\t'))) {
        return false;
      }
    }
    return true;
  }
}
