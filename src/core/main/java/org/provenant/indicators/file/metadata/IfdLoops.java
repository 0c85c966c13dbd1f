package org.provenant.indicators.file.metadata;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.provenant.core.io.Evidence;
import org.provenant.core.io.ImageFormat;

/**
 * Finds a cyclic chain of EXIF directories (an IFD whose next-IFD or sub-IFD pointer leads back to one already
 * visited): metadata-extractor reads each directory once and says nothing, so the panel says it here. Reads only
 * the offsets, at most {@link #MAX_STEPS} directories.
 */
final class IfdLoops {
    static final int MAX_STEPS = 1000;
    private static final int[] POINTERS = {0x8769, 0x8825, 0xA005};   // EXIF, GPS, interoperability sub-IFDs

    private IfdLoops() { }

    /** A sentence naming the loop, or null when there is none (or no EXIF). */
    static String find(Evidence ev) {
        int base = Thumbnail.exifBlockStart(ev);
        if (base < 0) return null;
        ByteBuffer b = ev.bytes();
        if (ev.format() == ImageFormat.JPEG) base += 6;   // "Exif\0\0"
        if (base + 8 > b.limit()) return null;
        ByteBuffer t = b.duplicate().position(base).slice();
        byte o = t.get(0);
        t.order(o == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        if (o != 'I' && o != 'M') return null;
        Set<Long> seen = new HashSet<>();
        Deque<Long> todo = new ArrayDeque<>();
        todo.push(t.getInt(4) & 0xffffffffL);
        for (int steps = 0; !todo.isEmpty() && steps < MAX_STEPS; steps++) {
            long at = todo.pop();
            if (at == 0 || at + 2 > t.limit()) continue;
            if (!seen.add(at)) {
                return "the EXIF directories form a loop (a pointer leads back to the directory at byte " + at
                        + " of the EXIF block): each directory was read once, the loop was not followed";
            }
            int n = t.getShort((int) at) & 0xffff;
            long end = at + 2 + 12L * n;
            if (end + 4 > t.limit()) continue;
            for (int i = 0; i < n; i++) {
                int e = (int) (at + 2 + 12L * i);
                int tag = t.getShort(e) & 0xffff;
                for (int p : POINTERS) if (tag == p) todo.push(t.getInt(e + 8) & 0xffffffffL);
            }
            todo.push(t.getInt((int) end) & 0xffffffffL);
        }
        return null;
    }
}
