package org.provenant.indicators.jpeg.jpegstructure;

import java.util.ArrayList;
import java.util.List;
import org.provenant.indicators.ProgressSink;

/**
 * The quantized DCT coefficients of every component, decoded from the entropy-coded data (T.81 Annex F for
 * sequential, Annex G for progressive Huffman coding; arithmetic coding, lossless and hierarchical frames are
 * not supported). Blocks are stored with the MCU padding; {@link #blocksWide}/{@link #blocksHigh} give the blocks
 * that cover the picture. Damaged data stops decoding of that scan with a problem; what was decoded is kept.
 */
final class Coefficients {
    /** Most coefficients held (shorts): about 40 megapixels at 4:2:0. Larger frames are not decoded. */
    static final long MAX_COEFFICIENTS = 64L << 20;

    final int[] blocksWide;
    final int[] blocksHigh;
    final int[] stride;
    final short[][] data;
    final List<String> problems = new ArrayList<>();
    private final int mcusWide;
    private final int mcusHigh;

    private Coefficients(JpegFile f) {
        int n = f.components.size(), hmax = f.maxH(), vmax = f.maxV();
        mcusWide = ceil(f.width, 8 * hmax);
        mcusHigh = ceil(f.height, 8 * vmax);
        blocksWide = new int[n];
        blocksHigh = new int[n];
        stride = new int[n];
        data = new short[n][];
        long total = 0;
        for (int c = 0; c < n; c++) {
            JpegFile.Component k = f.components.get(c);
            blocksWide[c] = ceil(ceil(f.width * k.h(), hmax), 8);
            blocksHigh[c] = ceil(ceil(f.height * k.v(), vmax), 8);
            stride[c] = mcusWide * k.h();
            total += (long) stride[c] * mcusHigh * k.v() * 64;
        }
        if (total > MAX_COEFFICIENTS) throw new JpegDecodeException("the frame is too large for the coefficient analysis ("
                + f.width + " x " + f.height + ")");
        for (int c = 0; c < n; c++) data[c] = new short[stride[c] * mcusHigh * f.components.get(c).v() * 64];
    }

    /** Decodes every scan; throws {@link JpegDecodeException} only when nothing can be decoded at all. */
    static Coefficients decode(byte[] b, JpegFile f, ProgressSink progress) {
        if (!f.decodable()) throw new JpegDecodeException("the coefficient decoder does not support " + f.codingName()
                + (f.precision != 8 && f.precision != 0 ? " with " + f.precision + "-bit samples" : ""));
        if (f.scans.isEmpty()) throw new JpegDecodeException("the file has no scan");
        Coefficients co = new Coefficients(f);
        for (int s = 0; s < f.scans.size(); s++) {
            progress.checkCancelled();
            JpegFile.Scan scan = f.scans.get(s);
            try {
                new ScanDecoder(b, f, scan, co).run();
            } catch (JpegDecodeException e) {
                co.problems.add("scan " + (s + 1) + ": " + e.getMessage());
            }
            progress.progress(0.4 * (s + 1) / f.scans.size());
        }
        return co;
    }

    int offset(int c, int row, int col) {
        return (row * stride[c] + col) * 64;
    }

    static int ceil(int a, int b) {
        return (a + b - 1) / b;
    }

    /** Decodes one scan into the coefficient arrays. */
    private static final class ScanDecoder {
        private final JpegFile f;
        private final JpegFile.Scan scan;
        private final Coefficients co;
        private final BitReader in;
        private final int[] pred = new int[4];
        private int eobrun;
        private int acState;
        private int acNext;
        private int acRun;

        ScanDecoder(byte[] b, JpegFile f, JpegFile.Scan scan, Coefficients co) {
            this.f = f;
            this.scan = scan;
            this.co = co;
            this.in = new BitReader(b, scan.start(), scan.end());
        }

        void run() {
            boolean progressive = f.progressive();
            for (int i = 0; i < scan.components().length; i++) {
                boolean needDc = !progressive || (scan.ss() == 0 && scan.ah() == 0);
                boolean needAc = !progressive || scan.ss() > 0;
                if (needDc && scan.dc()[scan.dcTable()[i]] == null) throw new JpegDecodeException("a DC Huffman table is missing");
                if (needAc && scan.ac()[scan.acTable()[i]] == null) throw new JpegDecodeException("an AC Huffman table is missing");
            }
            if (progressive && scan.ss() > 0 && scan.components().length != 1) {
                throw new JpegDecodeException("a progressive AC scan with more than one component");
            }
            int ri = scan.restartInterval();
            int unit = 0;
            if (scan.components().length == 1) {
                int c = scan.components()[0];
                int bw = co.blocksWide[c], bh = co.blocksHigh[c];
                for (int row = 0; row < bh; row++) {
                    for (int col = 0; col < bw; col++) {
                        restartIfDue(ri, unit++);
                        block(0, c, co.offset(c, row, col));
                    }
                    if (in.padded > 64) throw new JpegDecodeException("the coded data ends early (truncated)");
                }
            } else {
                for (int my = 0; my < co.mcusHigh; my++) {
                    for (int mx = 0; mx < co.mcusWide; mx++) {
                        restartIfDue(ri, unit++);
                        for (int i = 0; i < scan.components().length; i++) {
                            int c = scan.components()[i];
                            JpegFile.Component k = f.components.get(c);
                            for (int v = 0; v < k.v(); v++) {
                                for (int h = 0; h < k.h(); h++) {
                                    block(i, c, co.offset(c, my * k.v() + v, mx * k.h() + h));
                                }
                            }
                        }
                    }
                    if (in.padded > 64) throw new JpegDecodeException("the coded data ends early (truncated)");
                }
            }
        }

        private void restartIfDue(int ri, int unit) {
            if (ri > 0 && unit > 0 && unit % ri == 0) {
                if (!in.restart() && co.problems.size() < 5) co.problems.add("a restart marker is missing or out of place");
                java.util.Arrays.fill(pred, 0);
                eobrun = 0;
                acState = 0;
            }
        }

        private void block(int i, int c, int off) {
            short[] d = co.data[c];
            Huffman dc = scan.dc()[scan.dcTable()[i]], ac = scan.ac()[scan.acTable()[i]];
            if (!f.progressive()) {
                int t = dc.decode(in);
                pred[i] += in.receiveExtend(t);
                d[off] = (short) pred[i];
                for (int k = 1; k < 64; ) {
                    int rs = ac.decode(in), s = rs & 15, r = rs >> 4;
                    if (s == 0) {
                        if (r < 15) break;
                        k += 16;
                        continue;
                    }
                    k += r;
                    if (k > 63) throw new JpegDecodeException("a coefficient run past the end of its block");
                    d[off + JpegParser.ZIGZAG[k]] = (short) in.receiveExtend(s);
                    k++;
                }
                return;
            }
            if (scan.ss() == 0) {
                if (scan.ah() == 0) {
                    int t = dc.decode(in);
                    pred[i] += in.receiveExtend(t);
                    d[off] = (short) (pred[i] << scan.al());
                } else if (in.bit() == 1) {
                    d[off] |= (short) (1 << scan.al());
                }
                return;
            }
            if (scan.ah() == 0) acFirst(ac, d, off);
            else acRefine(ac, d, off);
        }

        private void acFirst(Huffman ac, short[] d, int off) {
            if (eobrun > 0) {
                eobrun--;
                return;
            }
            int k = scan.ss(), e = scan.se();
            while (k <= e) {
                int rs = ac.decode(in), s = rs & 15, r = rs >> 4;
                if (s == 0) {
                    if (r < 15) {
                        eobrun = in.bits(r) + (1 << r) - 1;
                        break;
                    }
                    k += 16;
                    continue;
                }
                k += r;
                if (k > 63) throw new JpegDecodeException("a coefficient run past the end of its block");
                d[off + JpegParser.ZIGZAG[k]] = (short) (in.receiveExtend(s) * (1 << scan.al()));
                k++;
            }
        }

        /** Successive approximation of AC coefficients (T.81 G.1.2.3), as a small state machine. */
        private void acRefine(Huffman ac, short[] d, int off) {
            int k = scan.ss(), e = scan.se(), p1 = 1 << scan.al();
            while (k <= e) {
                int z = off + JpegParser.ZIGZAG[k];
                switch (acState) {
                    case 0 -> {
                        int rs = ac.decode(in), s = rs & 15, r = rs >> 4;
                        if (s == 0) {
                            if (r < 15) {
                                eobrun = in.bits(r) + (1 << r);
                                acState = 4;
                            } else {
                                acRun = 16;
                                acState = 1;
                            }
                        } else {
                            if (s != 1) throw new JpegDecodeException("a refinement coefficient of size " + s);
                            acNext = in.receiveExtend(s);
                            acRun = r;
                            acState = r > 0 ? 2 : 3;
                        }
                        continue;
                    }
                    case 1, 2 -> {
                        if (d[z] != 0) refine(d, z, p1);
                        else if (--acRun == 0) acState = acState == 2 ? 3 : 0;
                    }
                    case 3 -> {
                        if (d[z] != 0) refine(d, z, p1);
                        else {
                            d[z] = (short) (acNext * p1);
                            acState = 0;
                        }
                    }
                    default -> {
                        if (d[z] != 0) refine(d, z, p1);
                    }
                }
                k++;
            }
            if (acState == 4 && --eobrun <= 0) acState = 0;
        }

        private void refine(short[] d, int z, int p1) {
            if (in.bit() == 1 && (d[z] & p1) == 0) d[z] += (short) (d[z] >= 0 ? p1 : -p1);
        }
    }
}
