package org.provenant.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenant.core.image.FloatMap;
import org.provenant.core.io.ImageLoader;
import org.provenant.core.io.LoadedImage;
import org.provenant.core.render.ColourScale;
import org.provenant.indicators.Detail;
import org.provenant.indicators.Finding;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.MapLayer;
import org.provenant.indicators.Score;

/** Stored results read back as they were made: scores, NaN, maps, the structured findings' tree and the finding in words. */
class ReportJsonReaderTest {
    @Test
    void aResultReadsBackWithItsDetailsTree(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("a.png");
        ImageIO.write(new BufferedImage(16, 12, BufferedImage.TYPE_INT_RGB), "png", png.toFile());
        LoadedImage li = new ImageLoader().load(png);
        List<Detail> details = List.of(
                Detail.group("Quantization table 0 (Y)", "quality about 92", Detail.Tone.NOTE,
                        List.of(Detail.of("row 1", "3 2 2 3 5 8 10 12"), Detail.of("check", "failed", Detail.Tone.BAD))),
                Detail.of("Exif IFD0", "Adobe Photoshop 25.0", Detail.Tone.GOOD));
        Score h = new Score("q", "Quality", 92, "estimated"), nan = new Score("x", "Undefined", Double.NaN, "too small");
        FloatMap m = new FloatMap(2, 1, new float[]{0.25f, Float.NaN});
        IndicatorResult r = new IndicatorResult("jpeg-structure", h, List.of(h, nan),
                List.of(new MapLayer("Map", m, ColourScale.VIRIDIS, 0, 1, "0", "1", true, List.of()),
                        new MapLayer("Outlined", m, ColourScale.VIRIDIS, 0, 1, "0", "1", true, List.of(), 0.2)),
                "what it shows", Hypothesis.INCONCLUSIVE, 0.5, new double[]{1, Double.NaN}, details)
                .withFinding(new Finding("two JPEG compressions, quality 75 then 90", "a finding about the file's history",
                        "The file was saved as JPEG twice.", Finding.Standing.SUPPORTS, Hypothesis.DOUBLE_COMPRESSED, 0.4));
        AnalysisReport report = new AnalysisReport(List.of(new IndicatorOutcome("jpeg-structure", "JPEG structure", "m",
                IndicatorOutcome.Status.DONE, r, null, 7)), false);

        var tree = ReportJson.toTree(li, report, false);
        assertEquals("two JPEG compressions, quality 75 then 90", tree.path("indicators").get(0).path("finding").asText(),
                "the finding is the phrase every view shows");
        AnalysisReport back = ReportJsonReader.read(tree, (id, i) -> m);
        IndicatorResult b = back.outcome("jpeg-structure").orElseThrow().result();
        assertEquals(details, b.details(), "the whole tree with values and tones");
        assertEquals(92, b.headline().value());
        assertTrue(Double.isNaN(b.score("x").value()), "NaN stays NaN");
        assertArrayEquals(new double[]{1, Double.NaN}, b.features());
        assertEquals(Hypothesis.INCONCLUSIVE, b.supports());
        assertEquals("what it shows", b.explanation());
        assertEquals(r.finding(), b.finding(), "phrase, strength, sentence, standing, favours and weight");
        assertFalse(b.maps().get(0).outlines(), "a map without outlines stays without");
        assertEquals(0.2, b.maps().get(1).outlineAt(), "the outline threshold comes back (stored results show the outlines)");
    }
}
