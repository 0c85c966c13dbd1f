package org.provenant.core.io;

import java.io.IOException;
import javax.imageio.stream.ImageInputStreamImpl;

/**
 * A read-only ImageIO stream over the evidence bytes already in memory. It counts every attempt to read past the
 * last byte: a well-formed file never makes its decoder do that, a truncated one does, even where the decoder
 * itself stays silent about it and fills the missing pixels in.
 */
final class EvidenceStream extends ImageInputStreamImpl {
    private final byte[] data;
    private int readsPastEnd;

    EvidenceStream(byte[] data) {
        this.data = data;
    }

    /** How many reads found no byte left (end of file reached while the decoder still wanted data). */
    int readsPastEnd() {
        return readsPastEnd;
    }

    @Override
    public int read() throws IOException {
        checkClosed();
        bitOffset = 0;
        if (streamPos >= data.length) {
            readsPastEnd++;
            return -1;
        }
        return data[(int) streamPos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        checkClosed();
        if (off < 0 || len < 0 || off + len > b.length) throw new IndexOutOfBoundsException();
        bitOffset = 0;
        if (len == 0) return 0;
        if (streamPos >= data.length) {
            readsPastEnd++;
            return -1;
        }
        int n = (int) Math.min(len, data.length - streamPos);
        System.arraycopy(data, (int) streamPos, b, off, n);
        streamPos += n;
        return n;
    }

    @Override
    public long length() {
        return data.length;
    }

    @Override
    public boolean isCached() {
        return true;
    }

    @Override
    public boolean isCachedMemory() {
        return true;
    }
}
