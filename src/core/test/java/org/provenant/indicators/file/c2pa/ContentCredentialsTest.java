package org.provenant.indicators.file.c2pa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.provenant.core.image.FloatImage;
import org.provenant.core.io.Evidence;
import org.provenant.indicators.Detail;
import org.provenant.indicators.EvidenceFamily;
import org.provenant.indicators.Finding;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorRegistry;
import org.provenant.indicators.IndicatorResult;

/** What the indicator concludes from each fixture, and what it shows. */
class ContentCredentialsTest {
    private static final FloatImage IMAGE = new FloatImage(8, 8, new float[][]{new float[64], new float[64], new float[64]});

    static IndicatorResult run(String file) {
        Evidence e = Evidence.ofBytes(Path.of(file), C2paFixtures.bytes(file));
        return new ContentCredentials().analyze(IMAGE, IndicatorContext.of(null).withEvidence(e));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "XCA.jpg, MANIPULATED, 1",
            "E-sig-CA.jpg, MANIPULATED, 1",
            "no_alg.jpg, MANIPULATED, 5",
            "CA.jpg, INCONCLUSIVE, 0",
            "CACA.jpg, INCONCLUSIVE, 0",
            "CA_ct.jpg, INCONCLUSIVE, 0",
            "C.jpg, GENERATED, 0",
    })
    void leansAsTheCredentialsSay(String file, Hypothesis expected, int failures) {
        IndicatorResult r = run(file);
        assertEquals(expected, r.supports(), r.explanation());
        assertEquals(failures, r.score("failures").value(), 0);
        assertTrue(r.headline().value() >= 1, "manifests");
        assertFalse(r.details().isEmpty());
        assertFalse(r.explanation().matches("(?s).*\\btrusted\\b.*"), r.explanation());
    }

    @ParameterizedTest
    @CsvSource({"no_manifest.jpg", "cloud.jpg", "libpng-test.png", "sample1.webp"})
    void noManifestIsNoEvidence(String file) {
        IndicatorResult r = run(file);
        assertEquals(Hypothesis.INCONCLUSIVE, r.supports());
        assertEquals(0.5, r.confidence());
        assertTrue(Double.isNaN(r.score("failures").value()), "undefined, never 0, when there is nothing to validate");
        assertEquals(0, r.headline().value(), "no manifest in the store");
        assertTrue(r.explanation().contains("no evidence either way"), r.explanation());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "CA.jpg | valid Content Credentials, signed by C2PA Signer (C2PA Test Signing Cert) | SUPPORTS",
            "XCA.jpg | Content Credentials fail validation (assertion.dataHash.mismatch) | LEANS",
            "no_manifest.jpg | Content Credentials stripped: the XMP still names an embedded manifest | SUPPORTS",
            "cloud.jpg | Content Credentials stored remotely, not fetched offline | NEUTRAL",
            "libpng-test.png | no Content Credentials | NEUTRAL",
    })
    void theFindingSaysItInWordsAndNamesTheSigner(String file, String phrase, Finding.Standing standing) {
        Finding f = run(file).finding();
        assertEquals(phrase, f.phrase());
        assertEquals(standing, f.standing());
    }

    @Test
    void aSignedGenerativeDeclarationNamesItsSourceTypeAndSigner() {
        Finding f = run("C.jpg").finding();
        assertEquals("Content Credentials declare a generated image (algorithmicMedia), signed by C2PA Signer (C2PA Test"
                + " Signing Cert)", f.phrase());
        assertEquals(Hypothesis.GENERATED, f.favours());
        assertEquals("explicit file evidence", f.strength());
    }

    @Test
    void validSignatureIsNeverCalledTrusted() {
        IndicatorResult r = run("CA.jpg");
        assertTrue(r.explanation().contains("signature valid; signer not checked against a trust list"), r.explanation());
        assertEquals(1, r.score("signature_valid").value());
        assertEquals(1, r.score("hard_binding_valid").value());
    }

    @Test
    void tamperedManifestIsCalledStrongEvidence() {
        IndicatorResult r = run("XCA.jpg");
        assertTrue(r.explanation().contains("assertion.dataHash.mismatch"));
        assertTrue(r.explanation().contains("strong evidence"));
        assertEquals(0, r.score("hard_binding_valid").value());
        Detail active = r.details().get(1);
        assertEquals("Active manifest", active.label());
        assertEquals(Detail.Tone.BAD, active.tone());
        assertTrue(active.flatten().stream().anyMatch(row -> row.detail().label().equals("assertion.dataHash.mismatch")
                && row.detail().tone() == Detail.Tone.BAD));
    }

    @Test
    void trainedAlgorithmicMediaInAValidManifestIsGenerated() {
        Manifest m = new Manifest("urn:c2pa:test", true, 2, "Some Generator 1.0", "", "", null, "",
                List.of(new Manifest.Action("c2pa.created", "trainedAlgorithmicMedia", "Some Generator", "")), List.of(),
                List.of("c2pa.actions.v2"), List.of(StatusCode.success("claimSignature.validated", ""),
                StatusCode.success("assertion.dataHash.match", "")));
        IndicatorResult r = ContentCredentials.result(new C2paReport("JPEG", true, List.of(m), null, null, List.of()));
        assertEquals(Hypothesis.GENERATED, r.supports());
        assertEquals(1, r.score("declares_generated").value());
        assertTrue(r.explanation().contains("trainedAlgorithmicMedia"));
        assertTrue(r.details().get(1).flatten().stream().anyMatch(row -> row.detail().label().equals("c2pa.created")
                && row.detail().tone() == Detail.Tone.BAD));
    }

    @Test
    void registeredAsAFileIndicator() {
        assertEquals(EvidenceFamily.FILE, IndicatorRegistry.byId(ContentCredentials.ID).family());
    }

    @Test
    void withoutAnEvidenceFileItSaysSo() {
        IndicatorResult r = new ContentCredentials().analyze(IMAGE, IndicatorContext.of(null));
        assertEquals(Hypothesis.INCONCLUSIVE, r.supports());
        assertTrue(Double.isNaN(r.score("failures").value()));
    }
}
