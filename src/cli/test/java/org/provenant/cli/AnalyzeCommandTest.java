package org.provenant.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenant.indicators.jpeg.jpegstructure.JpegStructure;
import org.provenant.indicators.jpeg.lattice.LatticeRegion;

class AnalyzeCommandTest {
    private record Run(int code, String out, String err) { }

    private static Run main(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void writesJsonAndMapPicturesForEveryIndicator(@TempDir Path dir) throws Exception {
        Path png = Files.createDirectories(dir.resolve("evidence")).resolve("suspect.png");
        ImageIO.write(BenchCommand.photoLike(384, 288, 4).toBufferedImage(), "png", png.toFile());
        Path json = dir.resolve("out/result.json"), maps = dir.resolve("maps");
        Run r = main("analyze", png.toString(), "--json", json.toString(), "--maps", maps.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Colour-channel correlation") && r.out().contains("Image Realism Score"), r.out());
        // the assessment's sentence, then one line per indicator (name and finding in words), no paragraphs without --explain
        var lines = r.out().lines().toList();
        assertTrue(lines.get(1).startsWith("Assessment: ") && lines.get(1).endsWith("."), lines.get(1));
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("== ")), "paragraphs only with --explain");
        assertTrue(lines.stream().anyMatch(l -> l.matches("Colour-channel correlation +\\p{Alpha}.*")), r.out());

        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertEquals("suspect.png", root.path("image").path("file").asText());
        assertEquals(384, root.path("image").path("width").asInt());
        Set<String> ids = new HashSet<>();
        int pictures = 0;
        for (JsonNode ind : root.path("indicators")) {
            ids.add(ind.path("id").asText());
            if (!ind.path("status").asText().equals("DONE")) continue;
            // the undefined headlines allowed (NaN, written null): the JPEG indicators on a file that is not a JPEG, and
            // the lossless-file one on a picture that never was a JPEG
            assertTrue(ind.path("headline").path("value").isNumber()
                    || Set.of(JpegStructure.NOT_JPEG, LatticeRegion.NO_TRACE_WORDS).contains(ind.path("headline").path("meaning").asText()),
                    ind.toString());
            assertFalse(ind.path("explanation").asText().isBlank());
            String finding = ind.path("finding").asText();
            assertFalse(finding.isBlank(), "every result has its finding in words: " + ind.path("id"));
            assertTrue(r.out().contains(ind.path("name").asText() + " ") && r.out().contains(finding), finding + " in\n" + r.out());
            for (JsonNode m : ind.path("maps")) {
                Path f = maps.resolve(m.path("png").asText());
                BufferedImage img = ImageIO.read(f.toFile());
                assertNotNull(img, "map picture " + f);
                // the map plus its legend on the right
                assertTrue(img.getWidth() > m.path("width").asInt(), f.toString());
                pictures++;
            }
        }
        assertTrue(ids.containsAll(Set.of("colour-correlation", "residual-spectrum", "image-realism-score")), ids.toString());
        for (JsonNode ind : root.path("indicators")) {
            if (Set.of("colour-correlation", "residual-spectrum", "image-realism-score").contains(ind.path("id").asText())) {
                assertEquals("DONE", ind.path("status").asText(), ind.toString());
            }
        }
        assertTrue(pictures >= 6, "pictures " + pictures);
        try (var s = Files.list(maps)) {
            assertEquals(pictures, s.count());
        }
        JsonNode cc = null;
        for (JsonNode ind : root.path("indicators")) if (ind.path("id").asText().equals("colour-correlation")) cc = ind;
        assertEquals(24, cc.path("features").size());
        assertEquals(12, cc.path("maps").get(0).path("width").asInt());
    }

    @Test
    void badFileFailsWithOneLineNamingIt(@TempDir Path dir) throws Exception {
        Path bad = Files.createDirectories(dir.resolve("evidence")).resolve("broken.png");
        Files.writeString(bad, "this is not an image");
        for (Path p : new Path[]{bad, dir.resolve("evidence/missing.jpg")}) {
            Run r = main("analyze", p.toString(), "--json", dir.resolve("x.json").toString());
            assertEquals(1, r.code());
            String err = r.err().strip();
            assertEquals(1, err.lines().count(), err);
            assertTrue(err.contains(p.getFileName().toString()), err);
            assertFalse(err.contains("Exception") || err.contains("\tat "), err);
            assertFalse(Files.exists(dir.resolve("x.json")));
        }
        assertEquals(2, main("analyze").code());
    }

    /** The commands of issue 14: each refused with one line before any work, the evidence byte for byte unchanged. */
    @Test
    void neverWritesOverOrBesideTheEvidence(@TempDir Path dir) throws Exception {
        Path evDir = Files.createDirectories(dir.resolve("evidence"));
        Path ev = evDir.resolve("ev.png");
        ImageIO.write(BenchCommand.photoLike(64, 48, 7).toBufferedImage(), "png", ev.toFile());
        Path other = evDir.resolve("colour-correlation-0-x.png");
        Files.copy(ev, other);
        byte[] before = Files.readAllBytes(ev), otherBefore = Files.readAllBytes(other);
        Path link = dir.resolve("link.json");
        Files.createSymbolicLink(link, ev);
        Path foreign = Files.createDirectories(dir.resolve("out")).resolve("notes.json");
        Files.writeString(foreign, "{\"mine\": \"an examiner's own notes\"}");
        String[][] refused = {
            {"analyze", ev.toString(), "--json", ev.toString()},
            {"analyze", ev.toString(), "--json", dir.resolve("evidence/../evidence/ev.png").toString()},
            {"analyze", ev.toString(), "--json", link.toString()},
            {"analyze", ev.toString(), "--maps", evDir.toString()},
            {"analyze", ev.toString(), "--maps", evDir.resolve("maps").toString()},
            {"analyze", ev.toString(), "--json", evDir.resolve("result.json").toString()},
            {"analyze", ev.toString(), "--json", foreign.toString()},
            {"analyze", ev.toString(), "--maps", ev.toString()},
        };
        for (String[] cmd : refused) {
            Run r = main(cmd);
            String line = r.err().strip();
            assertEquals(2, r.code(), String.join(" ", cmd) + ": " + r.out() + r.err());
            assertEquals(1, line.lines().count(), line);
            assertTrue(line.startsWith("Refusing to"), line);
            assertEquals("", r.out(), "nothing analysed: " + String.join(" ", cmd));
        }
        assertArrayEquals(before, Files.readAllBytes(ev));
        assertArrayEquals(otherBefore, Files.readAllBytes(other));
        assertEquals("{\"mine\": \"an examiner's own notes\"}", Files.readString(foreign));
        try (var s = Files.list(evDir)) {
            assertEquals(2, s.count(), "nothing created in the evidence folder");
        }

        // a map folder holding a picture that is not ours, under a map's name: refused before the analysis
        Path maps = Files.createDirectories(dir.resolve("maps"));
        Files.copy(ev, maps.resolve("colour-correlation-0-stranger.png"));
        Run r = main("analyze", ev.toString(), "--maps", maps.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("Refusing to replace colour-correlation-0-stranger.png"), r.err());
        Files.delete(maps.resolve("colour-correlation-0-stranger.png"));

        // our own outputs are replaced (atomically: no temporary file left behind)
        Path json = dir.resolve("out/result.json");
        for (int i = 0; i < 2; i++) {
            r = main("analyze", ev.toString(), "--json", json.toString(), "--maps", maps.toString());
            assertEquals(0, r.code(), "run " + i + ": " + r.err());
        }
        try (var s = Files.list(json.getParent())) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
        assertArrayEquals(before, Files.readAllBytes(ev));
    }
}
