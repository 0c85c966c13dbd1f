package org.provenant.indicators.jpeg.jpegstructure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.provenant.core.image.FloatImage;
import org.provenant.core.image.FloatMap;
import org.provenant.indicators.Finding;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.ProgressSink;
import org.provenant.indicators.Detail;

class JpegStructureTest {
    private static final BufferedImage COFFEE = JpegFixtures.sample("coffee.png");

    @Test
    void singleCompressionIsQuietAndItsQualityIsRead() throws Exception {
        for (int q : new int[]{60, 75, 85, 92}) {
            IndicatorResult r = JpegFixtures.run(JpegFixtures.jpeg(COFFEE, q));
            assertEquals(q, r.score("quality_luma").value(), "quality " + q);
            assertEquals(1, r.score("ijg_exact").value());
            assertTrue(r.headline().value() < JpegStructure.DQ_THRESHOLD, "single q" + q + ": " + r.headline().value());
            assertTrue(r.maps().isEmpty());
            assertEquals(Hypothesis.INCONCLUSIVE, r.supports());
            assertTrue(r.explanation().contains("4:2:0"), r.explanation());
            assertTrue(r.details().stream().anyMatch(d -> d.label().startsWith("Quantization table 0 (Y)")));
            assertEquals("one JPEG compression found, quality " + q, r.finding().phrase());
            assertEquals(Finding.Standing.NEUTRAL, r.finding().standing());
        }
    }

    @Test
    void doubleCompressionIsFoundWithTheFirstSteps() throws Exception {
        byte[] once = JpegFixtures.jpeg(COFFEE, 60);
        IndicatorResult r = JpegFixtures.run(JpegFixtures.jpeg(JpegFixtures.decode(once), 90));
        assertTrue(r.headline().value() > JpegStructure.DQ_THRESHOLD, "double 60 -> 90: " + r.headline().value());
        assertEquals(90, r.score("quality_luma").value());
        assertEquals(Hypothesis.DOUBLE_COMPRESSED, r.supports());
        assertEquals("two JPEG compressions, quality 60 then 90", r.finding().phrase(), "the first quality from the first steps");
        assertEquals(Finding.Standing.LEANS, r.finding().standing());
        // the estimated first steps are those of IJG quality 60 at most of the frequencies that show the artefact
        int[] q60 = QuantTables.ijg(QuantTables.LUMA, 60);
        Detail freq = r.details().stream().filter(d -> d.label().startsWith("First quantization")).findFirst().orElseThrow();
        int shown = 0, right = 0;
        for (Detail f : freq.children()) {
            if (f.tone() != Detail.Tone.NOTE) continue;
            shown++;
            int z = Integer.parseInt(f.label().split(" ")[1]);
            String q1 = f.children().stream().filter(c -> c.label().startsWith("Estimated first step")).findFirst().orElseThrow().value();
            if (Integer.parseInt(q1) == q60[JpegParser.ZIGZAG[z]]) right++;
        }
        assertTrue(shown >= 8 && right >= 0.75 * shown, right + " of " + shown + " first steps right");
    }

    @Test
    void aSplicedRegionWithoutTheFirstCompressionIsMapped() throws Exception {
        int x = 64, y = 64, w = 160, h = 128;
        BufferedImage base = JpegFixtures.decode(JpegFixtures.jpeg(COFFEE, 60));
        IndicatorResult r = JpegFixtures.run(JpegFixtures.jpeg(JpegFixtures.paste(base, COFFEE, x, y, w, h), 90));
        assertTrue(r.headline().value() > JpegStructure.DQ_THRESHOLD);
        FloatMap m = r.maps().get(0).map();
        int in = 0, inHit = 0, out = 0, outHit = 0;
        for (int by = 0; by < m.height(); by++) {
            for (int bx = 0; bx < m.width(); bx++) {
                float v = m.get(bx, by);
                if (Float.isNaN(v)) continue;
                boolean inside = bx * 8 >= x && bx * 8 < x + w && by * 8 >= y && by * 8 < y + h;
                if (inside) {
                    in++;
                    if (v > 0.5) inHit++;
                } else {
                    out++;
                    if (v > 0.5) outHit++;
                }
            }
        }
        double hit = inHit / (double) in, falseHit = outHit / (double) out;
        System.out.printf("splice coffee 60->90: hit rate %.2f inside, %.2f outside%n", hit, falseHit);
        assertTrue(hit >= 0.9, "hit rate " + hit);
        assertTrue(falseHit <= 0.25, "outside " + falseHit);
    }

    @Test
    void progressiveDecodingGivesTheBaselineCoefficients() {
        BufferedImage img = JpegFixtures.sample("chelsea.png");
        byte[] base = JpegFixtures.jpeg(img, 80, false), prog = JpegFixtures.jpeg(img, 80, true);
        JpegFile fb = JpegParser.parse(base), fp = JpegParser.parse(prog);
        assertFalse(fb.progressive());
        assertTrue(fp.progressive() && fp.scans.size() > 3, "scans " + fp.scans.size());
        Coefficients cb = Coefficients.decode(base, fb, ProgressSink.NONE), cp = Coefficients.decode(prog, fp, ProgressSink.NONE);
        assertTrue(cb.problems.isEmpty() && cp.problems.isEmpty(), cb.problems + " " + cp.problems);
        for (int c = 0; c < 3; c++) {
            for (int row = 0; row < cb.blocksHigh[c]; row++) {
                for (int col = 0; col < cb.blocksWide[c]; col++) {
                    int o = cb.offset(c, row, col);
                    assertArrayEquals(Arrays.copyOfRange(cb.data[c], o, o + 64), Arrays.copyOfRange(cp.data[c], o, o + 64),
                            "component " + c + " block " + row + "," + col);
                }
            }
        }
        assertTrue(Arrays.stream(toInts(cb.data[0])).anyMatch(v -> v != 0));
    }

    @Test
    void notAJpegSaysSoAndNothingElse() throws Exception {
        byte[] png = org.provenant.core.io.Evidence.class.getName().getBytes(); // any non-JPEG bytes
        IndicatorResult r = JpegFixtures.run(png);
        assertEquals(JpegStructure.NOT_JPEG, r.headline().meaning());
        assertEquals(JpegStructure.NOT_JPEG, r.explanation());
        assertEquals(1, r.scores().size());
        assertTrue(r.details().isEmpty());
        assertEquals(Finding.Standing.NOT_HERE, r.finding().standing(), "no verdict on this kind of file, and says so");
        assertEquals("not a JPEG file: no JPEG history to read", r.finding().phrase());
        IndicatorResult none = new JpegStructure().analyze(FloatImage.blank(8, 8, 3), IndicatorContext.of(null));
        assertEquals(Hypothesis.INCONCLUSIVE, none.supports());
        assertTrue(none.headline().meaning().contains("no file to read"));
    }

    @Test
    void damagedFilesAreDescribedNotFatal() throws Exception {
        byte[] good = JpegFixtures.jpeg(COFFEE, 80);
        // truncated in the middle of the coded data
        IndicatorResult cut = JpegFixtures.run(Arrays.copyOf(good, good.length / 2));
        assertTrue(cut.explanation().contains("truncated"), cut.explanation());
        // a segment that declares more bytes than the file has
        byte[] huge = good.clone();
        int dqt = indexOf(huge, 0xdb);
        huge[dqt] = (byte) 0xff;
        huge[dqt + 1] = (byte) 0xf0;
        IndicatorResult h = JpegFixtures.run(huge);
        assertTrue(h.explanation().contains("declares"), h.explanation());
        // garbage in the entropy-coded data: decoding stops with a problem, the rest is reported
        byte[] noise = good.clone();
        int sos = indexOf(noise, 0xda);
        java.util.Random rnd = new java.util.Random(1);
        for (int i = sos + 20; i < noise.length - 2; i++) noise[i] = (byte) (rnd.nextInt(255));
        IndicatorResult n = JpegFixtures.run(noise);
        assertTrue(n.scores().stream().anyMatch(s -> s.key().equals("quality_luma") && s.value() == 80));
    }

    private static int indexOf(byte[] b, int marker) {
        for (int i = 0; i + 1 < b.length; i++) if ((b[i] & 0xff) == 0xff && (b[i + 1] & 0xff) == marker) return i + 2;
        throw new AssertionError("marker not found");
    }

    private static int[] toInts(short[] s) {
        int[] o = new int[s.length];
        for (int i = 0; i < s.length; i++) o[i] = s[i];
        return o;
    }
}
