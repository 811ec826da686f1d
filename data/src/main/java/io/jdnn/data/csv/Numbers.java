package io.jdnn.data.csv;

import java.util.Locale;
import java.util.Set;

/**
 * What a numeric cell may hold: a plain decimal number, {@code [+-]digits[.digits][(e|E)[+-]digits]}
 * (at least one digit before or after the point). Stricter than {@link Double#parseDouble}, which
 * also takes {@code NaN}, {@code Infinity}, hexadecimal and a trailing {@code d} or {@code f}:
 * in a table those are mistakes or missing values, not numbers.
 */
final class Numbers {
  private static final Set<String> NON_FINITE = Set.of("nan", "inf", "infinity");
  private static final int SHOWN = 40;

  private Numbers() {}

  /** Whether {@code s} is a plain decimal number (checked without allocating). */
  static boolean isDecimal(String s) {
    int i = 0;
    int n = s.length();
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    int digits = 0;
    while (i < n && isDigit(s.charAt(i))) {
      i++;
      digits++;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int exponentDigits = 0;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        exponentDigits++;
      }
      if (exponentDigits == 0) {
        return false;
      }
    }
    return i == n;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Whether {@code s} spells NaN or an infinity, as spreadsheets and NumPy write them. */
  static boolean isNonFinite(String s) {
    String t = s.toLowerCase(Locale.ROOT);
    if (t.startsWith("+") || t.startsWith("-")) {
      t = t.substring(1);
    }
    return NON_FINITE.contains(t);
  }

  /** The cell for a message, cut to a readable length. */
  static String shorten(String s) {
    String cut = s.length() <= SHOWN ? s : s.substring(0, SHOWN) + "... (" + s.length() + " characters)";
    // A quoted cell may hold line breaks; an error stays one line.
    return cut.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
  }
}
