package org.provenant.indicators.jpeg.jpegstructure;

/**
 * One Huffman table (ITU-T T.81 Annex C): canonical codes from the 16 code-length counts, decoded with the
 * maxcode/valptr method of Annex F.2.2.3, so a damaged table can never make the decoder read beyond it.
 */
final class Huffman {
    private final int[] minCode = new int[17];
    private final int[] maxCode = new int[18];
    private final int[] valPtr = new int[17];
    private final int[] values;

    /** @throws IllegalArgumentException when the counts do not describe a valid code */
    Huffman(int[] counts, int[] values) {
        this.values = values.clone();
        int code = 0, k = 0;
        for (int len = 1; len <= 16; len++) {
            valPtr[len] = k;
            minCode[len] = code;
            code += counts[len - 1];
            k += counts[len - 1];
            maxCode[len] = counts[len - 1] == 0 ? -1 : code - 1;
            if (code > (1 << len)) throw new IllegalArgumentException("the Huffman table declares more codes than fit");
            code <<= 1;
        }
        maxCode[17] = Integer.MAX_VALUE;
        if (k != values.length) throw new IllegalArgumentException("the Huffman table's symbol count is wrong");
    }

    /** The next symbol; throws {@link JpegDecodeException} on a code not in the table. */
    int decode(BitReader in) {
        int code = 0;
        for (int len = 1; len <= 16; len++) {
            code = (code << 1) | in.bit();
            if (maxCode[len] >= 0 && code <= maxCode[len] && code >= minCode[len]) {
                return values[valPtr[len] + code - minCode[len]];
            }
        }
        throw new JpegDecodeException("a Huffman code not in its table (damaged entropy-coded data)");
    }
}
