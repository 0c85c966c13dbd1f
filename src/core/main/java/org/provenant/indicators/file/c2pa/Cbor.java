package org.provenant.indicators.file.c2pa;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.IOException;

/**
 * CBOR through Jackson ({@code jackson-dataformat-cbor}), behind a bounded structural check: before Jackson sees a
 * block, {@link #check} walks it and refuses any declared length beyond the bytes present, nesting deeper than
 * {@link #MAX_DEPTH} and more than {@link #MAX_ITEMS} items, so a nesting bomb or a forged length never reaches
 * the decoder (which could otherwise allocate by the declared size).
 */
final class Cbor {
    /** C2PA claims and assertions nest 5-8 levels; 64 leaves room for any real one. */
    static final int MAX_DEPTH = 64;
    static final int MAX_ITEMS = 1_000_000;
    private static final CBORMapper MAPPER = new CBORMapper(CBORFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH + 2).build()).build());

    private Cbor() { }

    static JsonNode read(byte[] b, int off, int len, String what) throws JumbfException {
        check(b, off, len, what);
        try {
            return MAPPER.readTree(b, off, len);
        } catch (IOException | RuntimeException e) {
            throw new JumbfException("the CBOR of " + what + " cannot be decoded: " + e.getMessage());
        }
    }

    static JsonNode read(byte[] b, String what) throws JumbfException {
        return read(b, 0, b.length, what);
    }

    /** Walks one or more CBOR items in {@code b[off, off+len)}; throws when a bound is broken. */
    static void check(byte[] b, int off, int len, String what) throws JumbfException {
        Walker w = new Walker(b, off, off + len, what);
        while (w.pos < w.end) w.item(0);
    }

    private static final class Walker {
        final byte[] b;
        final int end;
        final String what;
        int pos, items;

        Walker(byte[] b, int pos, int end, String what) {
            this.b = b;
            this.pos = pos;
            this.end = end;
            this.what = what;
        }

        /** Reads one item; returns false when it was a "break" (end of an indefinite-length container). */
        boolean item(int depth) throws JumbfException {
            if (depth > MAX_DEPTH) throw fail("nests deeper than " + MAX_DEPTH + " levels (a nesting bomb?)");
            if (++items > MAX_ITEMS) throw fail("holds more than " + MAX_ITEMS + " items");
            int ib = u8();
            int major = ib >>> 5, info = ib & 31;
            if (ib == 0xff) return false;
            if (info == 31) {   // indefinite length: strings of chunks, arrays and maps up to a break
                if (major == 2 || major == 3 || major == 4 || major == 5) {
                    while (item(depth + 1)) { }
                    return true;
                }
                throw fail("has an invalid indefinite-length item at byte " + (pos - 1));
            }
            long arg = argument(info);
            switch (major) {
                case 0, 1, 7 -> { }
                case 2, 3 -> skip(arg);
                case 4 -> { long n = count(arg, 1); for (long i = 0; i < n; i++) item(depth + 1); }
                case 5 -> { long n = count(arg, 2); for (long i = 0; i < n; i++) { item(depth + 1); item(depth + 1); } }
                case 6 -> item(depth + 1);
                default -> throw fail("is not CBOR");
            }
            return true;
        }

        long count(long declared, int perEntry) throws JumbfException {
            // every item takes at least one byte, so more items than bytes left cannot be true
            if (declared > (long) (end - pos) / perEntry + 1) throw fail("declares " + declared + " items in " + (end - pos) + " bytes");
            return declared;
        }

        long argument(int info) throws JumbfException {
            if (info < 24) return info;
            int n = switch (info) { case 24 -> 1; case 25 -> 2; case 26 -> 4; case 27 -> 8; default -> -1; };
            if (n < 0) throw fail("has a reserved length code at byte " + (pos - 1));
            long v = 0;
            for (int i = 0; i < n; i++) v = v << 8 | u8();
            return v;
        }

        void skip(long n) throws JumbfException {
            if (n < 0 || n > end - pos) throw fail("declares a string of " + Long.toUnsignedString(n) + " bytes at byte " + pos
                    + " but only " + (end - pos) + " remain");
            pos += (int) n;
        }

        int u8() throws JumbfException {
            if (pos >= end) throw fail("ends in the middle of an item (truncated)");
            return b[pos++] & 0xff;
        }

        JumbfException fail(String why) {
            return new JumbfException("the CBOR of " + what + " " + why);
        }
    }
}
