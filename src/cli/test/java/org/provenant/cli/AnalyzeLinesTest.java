package org.provenant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenant.analysis.AnalysisReport;
import org.provenant.analysis.IndicatorOutcome;
import org.provenant.core.io.ImageLoader;
import org.provenant.core.io.LoadedImage;
import org.provenant.indicators.Finding;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.Score;

/** What {@code analyze} prints: the assessment's sentence, one line per indicator most telling first; --explain adds the paragraphs. */
class AnalyzeLinesTest {
    private static IndicatorOutcome done(String id, String name, Finding f) {
        Score h = new Score("s", "Some score", 8.75, "how to read it");
        IndicatorResult r = new IndicatorResult(id, h, List.of(h), List.of(), "The paragraph of " + name + ".",
                Hypothesis.INCONCLUSIVE, 0.5, null).withFinding(f);
        return new IndicatorOutcome(id, name, "method", IndicatorOutcome.Status.DONE, r, null, 5);
    }

    private static String print(AnalysisReport report, boolean explain, Path dir) throws Exception {
        Path png = dir.resolve("a.png");
        ImageIO.write(new BufferedImage(16, 12, BufferedImage.TYPE_INT_RGB), "png", png.toFile());
        LoadedImage li = new ImageLoader().load(png);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        AnalyzeCommand.print(li, report, explain, new PrintStream(b, true, StandardCharsets.UTF_8));
        return b.toString(StandardCharsets.UTF_8);
    }

    @Test
    void oneLinePerIndicatorMostTellingFirstAndTheParagraphsOnlyWhenAsked(@TempDir Path dir) throws Exception {
        AnalysisReport report = new AnalysisReport(List.of(
                done("overall-assessment", "Overall assessment", Finding.likelihoodRatio(1.3, Hypothesis.GENERATED, false, "product")
                        .withSentence("The findings do not help to decide.")),
                done("spectrum", "Residual spectrum", Finding.figuresOnly("")),
                new IndicatorOutcome("broken", "Broken cue", "m", IndicatorOutcome.Status.FAILED, null, "model missing", 1),
                done("c2pa", "Content Credentials", new Finding("valid Content Credentials, signed by A. Signer",
                        "signer not checked against a trust list", Finding.Standing.SUPPORTS, Hypothesis.INCONCLUSIVE))), false);
        List<String> lines = print(report, false, dir).lines().toList();
        assertEquals("Assessment: The findings do not help to decide.", lines.get(1));
        assertEquals("", lines.get(2));
        assertEquals(List.of(
                "Overall assessment   LR 1.3: no support either way [product]",
                "Content Credentials  valid Content Credentials, signed by A. Signer [signer not checked against a trust list]",
                "Residual spectrum    figures only: not validated for a verdict",
                "Broken cue           failed: model missing"), lines.subList(3, lines.size()));

        String explained = print(report, true, dir);
        assertTrue(explained.contains("== Residual spectrum [DONE, 5 ms]"), explained);
        assertTrue(explained.contains("The paragraph of Residual spectrum."), explained);
        assertTrue(explained.contains("Some score") && explained.contains("8.7500"), "the numbers with --explain: " + explained);
    }
}
