package org.provenant.indicators.file.c2pa;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A bounded reader of JUMBF boxes (ISO/IEC 19566-5): LBox (4 bytes), TBox (4 bytes), an XLBox (8 bytes) when LBox
 * is 1, then the payload; a superbox ({@code jumb}) starts with a description box ({@code jumd}: 16-byte type UUID,
 * toggles, optional label, id, signature and private box) followed by its content boxes. Every length is checked
 * against the bytes actually present and nothing is allocated by a declared size; depth and box count are capped,
 * so a hostile store (huge lengths, deep nesting, truncation) ends in {@link JumbfException}, never a crash or hang.
 */
public final class Jumbf {
    /** Deepest superbox nesting read: C2PA needs 4-5 (store, manifest, assertion store, assertion, data). */
    public static final int MAX_DEPTH = 12;
    /** Most boxes read from one store: far above real stores (tens to a few hundred boxes). */
    public static final int MAX_BOXES = 20_000;

    /** One box: its type, where it lies in the store's bytes, and, for a superbox, its description and children. */
    public static final class Box {
        public final String type;
        /** Offset of the box header in the store's bytes, and the box's full length. */
        public final int offset, length;
        /** Offset and length of the payload (after LBox, TBox and XLBox). */
        public final int payloadOffset, payloadLength;
        /** For a superbox: the description's type (first 4 bytes of the UUID as text, e.g. "c2ma") and label. */
        String descriptionType = "", label = "";
        final List<Box> children = new ArrayList<>();

        Box(String type, int offset, int length, int header) {
            this.type = type;
            this.offset = offset;
            this.length = length;
            this.payloadOffset = offset + header;
            this.payloadLength = length - header;
        }

        public boolean superbox() { return type.equals("jumb"); }

        public String descriptionType() { return descriptionType; }

        public String label() { return label; }

        public List<Box> children() { return Collections.unmodifiableList(children); }

        /** The child superbox with this label, or null. */
        public Box child(String childLabel) {
            for (Box c : children) if (c.superbox() && c.label.equals(childLabel)) return c;
            return null;
        }

        /** The first content box of this type (e.g. "cbor", "json"), or null. */
        public Box content(String contentType) {
            for (Box c : children) if (c.type.equals(contentType)) return c;
            return null;
        }

        @Override public String toString() { return type + (superbox() ? "[" + descriptionType + " " + label + "]" : ""); }
    }

    private final byte[] bytes;
    private int count;

    private Jumbf(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Reads the top-level boxes of {@code store}. */
    public static List<Box> parse(byte[] store) throws JumbfException {
        Jumbf j = new Jumbf(store);
        return j.boxes(0, store.length, 0);
    }

    private List<Box> boxes(int from, int to, int depth) throws JumbfException {
        if (depth > MAX_DEPTH) throw new JumbfException("JUMBF boxes nested deeper than " + MAX_DEPTH + " levels");
        List<Box> out = new ArrayList<>();
        int pos = from;
        while (pos < to) {
            if (to - pos < 8) throw new JumbfException("a JUMBF box header at byte " + pos + " is cut off (truncated store)");
            if (++count > MAX_BOXES) throw new JumbfException("more than " + MAX_BOXES + " JUMBF boxes");
            long len = u32(pos);
            String type = new String(bytes, pos + 4, 4, StandardCharsets.ISO_8859_1);
            int header = 8;
            if (len == 1) {
                if (to - pos < 16) throw new JumbfException("a JUMBF XLBox at byte " + pos + " is cut off");
                len = u32(pos + 8) << 32 | u32(pos + 12);
                header = 16;
            } else if (len == 0) {
                len = to - pos;   // "to the end of the enclosing box"
            }
            if (len < header || len > to - pos) {
                throw new JumbfException("the JUMBF box '" + printable(type) + "' at byte " + pos + " declares " + len
                        + " bytes but only " + (to - pos) + " remain (truncated or forged length)");
            }
            Box b = new Box(type, pos, (int) len, header);
            if (b.superbox()) superbox(b, depth);
            out.add(b);
            pos += (int) len;
        }
        return out;
    }

    private void superbox(Box b, int depth) throws JumbfException {
        List<Box> kids = boxes(b.payloadOffset, b.payloadOffset + b.payloadLength, depth + 1);
        if (kids.isEmpty() || !kids.get(0).type.equals("jumd")) {
            throw new JumbfException("a JUMBF superbox at byte " + b.offset + " has no description box");
        }
        Box d = kids.get(0);
        int p = d.payloadOffset, end = d.payloadOffset + d.payloadLength;
        if (end - p < 17) throw new JumbfException("the JUMBF description box at byte " + d.offset + " is too short");
        b.descriptionType = printable(new String(bytes, p, 4, StandardCharsets.ISO_8859_1));
        int toggles = bytes[p + 16] & 0xff;
        p += 17;
        if ((toggles & 0x02) != 0) {
            int z = p;
            while (z < end && bytes[z] != 0) z++;
            if (z >= end) throw new JumbfException("the JUMBF label at byte " + p + " is not terminated");
            b.label = new String(bytes, p, z - p, StandardCharsets.UTF_8);
        }
        b.children.addAll(kids.subList(1, kids.size()));
    }

    private long u32(int at) {
        return (bytes[at] & 0xffL) << 24 | (bytes[at + 1] & 0xffL) << 16 | (bytes[at + 2] & 0xffL) << 8 | (bytes[at + 3] & 0xffL);
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        return sb.toString();
    }

    /** The bytes of a box (header included), e.g. for hashing. */
    public static byte[] slice(byte[] store, int offset, int length) {
        byte[] out = new byte[length];
        System.arraycopy(store, offset, out, 0, length);
        return out;
    }
}
