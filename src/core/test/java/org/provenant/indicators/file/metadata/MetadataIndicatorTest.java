package org.provenant.indicators.file.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.provenant.core.image.FloatImage;
import org.provenant.core.io.Evidence;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.Detail;
import org.provenant.indicators.Finding;
import org.provenant.indicators.jpeg.jpegstructure.JpegFixtures;
import org.provenant.indicators.file.metadata.MetadataFixtures.Entry;

public class MetadataIndicatorTest {
    static final BufferedImage COFFEE = JpegFixtures.sample("coffee.png");

    public static IndicatorResult run(byte[] file) throws Exception {
        BufferedImage img = null;
        try {
            img = ImageIO.read(new ByteArrayInputStream(file));
        } catch (Exception e) {
            // hostile file: the picture does not matter
        }
        FloatImage fi = img == null ? FloatImage.blank(64, 64, 3) : FloatImage.fromBufferedImage(img);
        return new MetadataIndicator().analyze(fi, IndicatorContext.of(null).withEvidence(Evidence.ofBytes(Path.of("t"), file)));
    }

    static Detail top(IndicatorResult r, String label) {
        return r.details().stream().filter(d -> d.label().equals(label)).findFirst().orElseThrow();
    }

    static List<String> findings(IndicatorResult r) {
        return top(r, MetadataIndicator.FINDINGS).children().stream().map(Detail::value).toList();
    }

    static String tag(IndicatorResult r, String directory, String tag) {
        for (Detail dir : top(r, MetadataIndicator.DIRECTORIES).children()) {
            if (!dir.label().equals(directory)) continue;
            for (Detail t : dir.children()) if (t.label().equals(tag)) return t.value();
        }
        return null;
    }

    @Test
    void aCameraJpegIsReadIntoTheTreeWithConsistentFindings() throws Exception {
        IndicatorResult r = run(MetadataFixtures.cameraJpeg(null, "2024:05:01 10:00:00", COFFEE));
        assertEquals("Canon", tag(r, "Exif IFD0", "Make"));
        assertEquals("Canon EOS 5D Mark IV", tag(r, "Exif IFD0", "Model"));
        assertEquals(0, r.headline().value());
        assertEquals(Hypothesis.INCONCLUSIVE, r.supports(), "no generator trace is no evidence, never a lean");
        assertEquals("EXIF names Canon EOS 5D Mark IV", r.finding().phrase(), "the headline names the camera");
        assertEquals(Finding.Standing.SUPPORTS, r.finding().standing());
        assertEquals(Hypothesis.INCONCLUSIVE, r.finding().favours(), "a camera named is a finding, not a lean");
        List<String> f = findings(r);
        assertTrue(f.stream().anyMatch(s -> s.contains("latitude 48.856667, longitude 2.350000") && s.contains("altitude 35.0 m above")), f.toString());
        assertTrue(f.stream().anyMatch(s -> s.contains("Taken and last modified at the same time")), f.toString());
        assertTrue(f.stream().anyMatch(s -> s.contains("EXIF pixel size") && s.contains("matches")), f.toString());
        assertTrue(f.stream().anyMatch(s -> s.contains("standard libjpeg (IJG) tables at quality 92")), f.toString());
        double d = r.score("thumbnail_difference").value();
        assertTrue(d < 0.05, "thumbnail of the same picture: " + d + " " + f);
        assertTrue(f.stream().anyMatch(s -> s.contains("thumbnail matches")), f.toString());
        assertEquals(2, r.maps().size());
        assertTrue(r.score("tags").value() > 15);
        assertEquals(0, r.score("problems").value());
    }

    @Test
    void editingSoftwareAndLaterDatesAreFindingsNotAVerdict() throws Exception {
        IndicatorResult r = run(MetadataFixtures.cameraJpeg("Adobe Photoshop 25.0 (Windows)", "2024:06:01 18:30:00", COFFEE));
        assertEquals(1, r.score("editing_software").value());
        List<String> f = findings(r);
        assertTrue(f.stream().anyMatch(s -> s.contains("\"Adobe Photoshop 25.0 (Windows)\"")), f.toString());
        assertTrue(f.stream().anyMatch(s -> s.contains("modified 31 days after")), f.toString());
        assertEquals(Hypothesis.INCONCLUSIVE, r.supports());
        assertEquals("EXIF names Canon EOS 5D Mark IV; written by Adobe Photoshop 25.0 (Windows)", r.finding().phrase());
    }

    @Test
    void aThumbnailOfOtherContentIsFound() throws Exception {
        IndicatorResult r = run(MetadataFixtures.cameraJpeg(null, "2024:05:01 10:00:00", JpegFixtures.sample("chelsea.png")));
        double d = r.score("thumbnail_difference").value();
        assertTrue(d > Thumbnail.OTHER_CONTENT, "other content: " + d);
        assertTrue(r.explanation().contains("shows other content"), r.explanation());
        assertTrue(r.finding().phrase().startsWith("the EXIF thumbnail shows other content; EXIF names Canon"), r.finding().phrase());
        assertEquals(Hypothesis.MANIPULATED, r.finding().favours());
        assertEquals(Finding.Standing.SUPPORTS, r.finding().standing(), "classic evidence of editing, but no lean");
    }

    @Test
    void stableDiffusionParametersAreStrongExplicitEvidence() throws Exception {
        String params = "a lighthouse at dusk, oil painting\nNegative prompt: blurry\nSteps: 20, Sampler: Euler a, "
                + "CFG scale: 7, Seed: 1234, Size: 512x512, Model: v1-5-pruned-emaonly";
        IndicatorResult r = run(MetadataFixtures.withText(MetadataFixtures.png(COFFEE), "parameters", params));
        assertEquals(1, r.headline().value());
        assertEquals(Hypothesis.GENERATED, r.supports());
        assertTrue(r.explanation().contains("AUTOMATIC1111") && r.explanation().contains("Steps: 20, Sampler: Euler a"), r.explanation());
        assertEquals("metadata names a generator: Stable Diffusion web UI (AUTOMATIC1111/Forge) generation parameters",
                r.finding().phrase());
        assertEquals(Finding.Standing.LEANS, r.finding().standing());
        assertTrue(r.finding().strength().contains("LR 48 (0 of 547 real photos"), r.finding().strength());
        // the found trace's LR, which the overall assessment multiplies with the pixel evidence; none without a trace
        assertEquals(MetadataIndicator.TRACE_LR, r.score("lr_generated").value(), 1e-12);
        assertEquals(48, r.score("lr_generated").value(), 1);
        IndicatorResult comfy = run(MetadataFixtures.withText(MetadataFixtures.png(COFFEE), "prompt",
                "{\"3\": {\"class_type\": \"KSampler\", \"inputs\": {\"seed\": 5}}}"));
        assertEquals(Hypothesis.GENERATED, comfy.supports());
        assertTrue(comfy.explanation().contains("ComfyUI"));
        IndicatorResult plainText = run(MetadataFixtures.withText(MetadataFixtures.png(COFFEE), "Comment", "holiday 2023, beach"));
        assertEquals(Hypothesis.INCONCLUSIVE, plainText.supports());
        assertTrue(plainText.scores().stream().noneMatch(x -> x.key().equals("lr_generated")), "an absent field gives no LR");
        assertEquals("no camera, editor or generator named", plainText.finding().phrase());
        assertEquals(Finding.Standing.NEUTRAL, plainText.finding().standing());
    }

    @Test
    void anIptcDigitalSourceTypeInXmpIsFound() throws Exception {
        String xmp = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                + "<rdf:Description rdf:about=\"\" xmlns:Iptc4xmpExt=\"http://iptc.org/std/Iptc4xmpExt/2008-02-29/\" "
                + "Iptc4xmpExt:DigitalSourceType=\"http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia\"/>"
                + "</rdf:RDF></x:xmpmeta>";
        IndicatorResult r = run(withXmp(JpegFixtures.jpeg(COFFEE, 90), xmp));
        assertEquals(Hypothesis.GENERATED, r.supports(), r.explanation());
        assertTrue(r.explanation().contains("trainedAlgorithmicMedia"), r.explanation());
    }

    static byte[] withXmp(byte[] jpeg, String xmp) {
        byte[] head = "http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = xmp.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(jpeg, 0, 2);
        int len = 2 + head.length + body.length;
        o.writeBytes(new byte[]{(byte) 0xff, (byte) 0xe1, (byte) (len >> 8), (byte) len});
        o.writeBytes(head);
        o.writeBytes(body);
        o.write(jpeg, 2, jpeg.length - 2);
        return o.toByteArray();
    }

    @Test
    void theXmpHistoryAndAnXmpDateThatDisagreesAreFindings() throws Exception {
        String xmp = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                + "<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\" "
                + "xmlns:stEvt=\"http://ns.adobe.com/xap/1.0/sType/ResourceEvent#\" xmp:CreateDate=\"2023-12-24T09:00:00\">"
                + "<xmpMM:History><rdf:Seq><rdf:li rdf:parseType=\"Resource\"><stEvt:action>saved</stEvt:action>"
                + "<stEvt:softwareAgent>Adobe Photoshop 25.0 (Windows)</stEvt:softwareAgent></rdf:li></rdf:Seq></xmpMM:History>"
                + "</rdf:Description></rdf:RDF></x:xmpmeta>";
        IndicatorResult r = run(withXmp(MetadataFixtures.cameraJpeg(null, "2024:05:01 10:00:00", COFFEE), xmp));
        List<String> f = findings(r);
        assertTrue(f.stream().anyMatch(s -> s.contains("XMP history records 1 step(s) (saved) by Adobe Photoshop 25.0")), f.toString());
        assertTrue(f.stream().anyMatch(s -> s.contains("XMP creation date (2023-12-24") && s.contains("different days")), f.toString());
        assertTrue(r.score("editing_software").value() >= 1, "the history's software agent names an editor");
        assertEquals(Hypothesis.INCONCLUSIVE, r.supports());
    }

    @Test
    void noFileMeansNoFileToRead() throws Exception {
        IndicatorResult r = new MetadataIndicator().analyze(FloatImage.blank(8, 8, 3), IndicatorContext.of(null));
        assertEquals(Hypothesis.INCONCLUSIVE, r.supports());
        assertTrue(r.headline().meaning().contains("no file to read"));
        assertTrue(r.details().isEmpty());
        assertEquals(Finding.Standing.NOT_HERE, r.finding().standing(), "says why it has nothing to say");
        assertEquals("no file to read", r.finding().phrase());
    }

    /** A value the library cannot describe (an EXIF Scene Type of some phones) reads the same on every run. */
    @Test
    void undescribedValuesAreWrittenOutNotAsAnArraysIdentity() {
        assertEquals("hex 01 ff", MetadataTree.raw(new byte[]{1, (byte) 0xff}));
        assertEquals("3 4", MetadataTree.raw(new int[]{3, 4}));
        assertEquals("text", MetadataTree.raw("text"));
        assertEquals("null", MetadataTree.raw(null));
    }
}
