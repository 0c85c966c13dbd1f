package org.provenant.core.io;

/**
 * Text for the examiner's eyes that may carry bytes from a file or a decoder: control characters, replacement
 * characters and unassigned code points become '?', runs of white space one space. Letters of any script in a file
 * name are kept.
 */
public final class PlainText {
    private PlainText() { }

    public static String of(String s) {
        if (s == null) return "";
        StringBuilder sb = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isWhitespace(c)) {
                if (!space) sb.append(' ');
                space = true;
                continue;
            }
            space = false;
            boolean bad = Character.isISOControl(c) || c == 0xFFFD || !Character.isDefined(c)
                    || Character.getType(c) == Character.PRIVATE_USE || Character.getType(c) == Character.SURROGATE
                    || Character.getType(c) == Character.FORMAT;
            if (bad) sb.append('?');
            else sb.appendCodePoint(c);
        }
        return sb.toString().strip();
    }
}
