package org.provenant.indicators.file.c2pa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each fixture of the reference implementation gives the validation status its README (and c2patool) states. */
class C2paFixturesTest {

    private static Set<String> codes(C2paReport r, StatusCode.Kind kind) {
        Set<String> s = new TreeSet<>();
        for (StatusCode c : r.allStatuses()) if (c.kind() == kind) s.add(c.code());
        return s;
    }

    @ParameterizedTest(name = "{0}: failures {1}")
    @CsvSource(delimiter = '|', value = {
            "C.jpg        | ''",
            "CA.jpg       | ''",
            "CACA.jpg     | ''",
            "CA_ct.jpg    | ''",
            "boxhash.jpg  | ''",
            "XCA.jpg      | assertion.dataHash.mismatch",
            "E-sig-CA.jpg | claimSignature.mismatch",
            "no_alg.jpg   | algorithm.unsupported assertion.action.malformed assertion.dataHash.mismatch claimSignature.mismatch",
    })
    void embeddedManifestsGiveTheStatedFailures(String file, String expected) {
        C2paReport r = C2paReader.read(C2paFixtures.bytes(file));
        assertTrue(r.embedded(), file);
        assertEquals("JPEG", r.container());
        assertNull(r.problem(), file);
        Set<String> want = new TreeSet<>(expected.isBlank() ? List.of() : List.of(expected.split(" ")));
        assertEquals(want, codes(r, StatusCode.Kind.FAILURE), file);
        assertEquals(!want.isEmpty(), r.hasFailure());
    }

    @Test
    void validManifestShowsGeneratorSignerTimeStampAndActions() {
        C2paReport r = C2paReader.read(C2paFixtures.bytes("C.jpg"));
        Manifest m = r.active();
        assertEquals(1, r.manifests().size());
        assertTrue(m.active());
        assertEquals(1, m.claimVersion());
        assertEquals("make_test_images/0.33.1 c2pa-rs/0.33.1", m.claimGenerator());
        assertEquals("C.jpg", m.title());
        assertTrue(m.signer().subject().contains("CN=C2PA Signer"), m.signer().subject());
        assertEquals("PS256", m.signer().algorithm());
        assertTrue(m.signer().chain().endsWith("certificate(s) in x5chain, each signed by the next"), m.signer().chain());
        assertEquals("2022-06-10T18:46:28Z", m.signer().notBefore());
        assertEquals("2024-08-06T21:53:37Z", m.timeStamp());
        assertTrue(r.hasCode("claimSignature.validated"));
        assertTrue(r.hasCode("assertion.dataHash.match"));
        assertTrue(r.hasCode("timeStamp.validated"));
        assertTrue(r.hasCode("provenant.trustListNotChecked"), "says the signer was not checked against a trust list");
        assertFalse(r.allStatuses().stream().anyMatch(s -> s.code().contains("trusted") || s.explanation().contains(" trusted")),
                "never calls the signer trusted");
        assertEquals("c2pa.created", m.actions().get(0).action());
        assertEquals("algorithmicMedia", m.actions().get(0).digitalSourceType());
    }

    @Test
    void ingredientChainIsValidatedByHash() {
        C2paReport r = C2paReader.read(C2paFixtures.bytes("CACA.jpg"));
        assertEquals(2, r.manifests().size());
        Manifest active = r.active();
        assertEquals(2, active.claimVersion());
        assertEquals("CA.jpg", active.ingredients().get(0).title());
        assertEquals("parentOf", active.ingredients().get(0).relationship());
        assertEquals("signingCredential.untrusted", active.ingredients().get(0).recordedFailures(),
                "what the signing tool recorded about its ingredient (its test signer was on no trust list)");
        assertEquals(r.manifests().get(0).label(), active.ingredients().get(0).manifestLabel());
        assertTrue(active.statuses().stream().anyMatch(s -> s.code().equals("ingredient.manifest.validated")));
        assertTrue(active.statuses().stream().anyMatch(s -> s.code().equals("ingredient.claimSignature.validated")),
                "ingredient v3 records its manifest's signature hash too");
        assertTrue(r.manifests().get(0).statuses().stream().anyMatch(s -> s.code().equals("claimSignature.validated")),
                "the ingredient's own manifest signature is checked");
        for (Manifest m : r.manifests()) {
            assertTrue(m.statuses().stream().anyMatch(s -> s.code().equals("timeStamp.validated")), "sigTst2 covers the signature");
        }
        assertEquals("2025-10-16T17:31:55Z", active.timeStamp());
    }

    @Test
    void ingredientManifestWithAChangedByteFailsTheChain() {
        byte[] b = C2paFixtures.bytes("CACA.jpg");
        // change one byte inside the first (ingredient) manifest's claim generator text
        int at = indexOf(b, "make_test_images".getBytes());
        assertTrue(at > 0);
        b[at] = 'M';
        C2paReport r = C2paReader.read(b);
        assertTrue(r.hasCode("ingredient.manifest.mismatch"), r.allStatuses().toString());
        assertTrue(r.hasFailure());
    }

    @Test
    void timeStampMalformedIsInformationalOnly() {
        C2paReport r = C2paReader.read(C2paFixtures.bytes("CA_ct.jpg"));
        StatusCode ts = r.allStatuses().stream().filter(s -> s.code().equals("timeStamp.malformed")).findFirst().orElseThrow();
        assertEquals(StatusCode.Kind.INFORMATIONAL, ts.kind());
        assertFalse(r.hasFailure());
        assertTrue(r.active().timeStamp().isEmpty() || r.active().timeStamp().startsWith("2024"));
    }

    @Test
    void timeStampOfAChangedClaimNoLongerCoversIt() {
        C2paReport r = C2paReader.read(C2paFixtures.bytes("E-sig-CA.jpg"));
        StatusCode ts = r.allStatuses().stream().filter(s -> s.code().startsWith("timeStamp.")).findFirst().orElseThrow();
        assertEquals("timeStamp.mismatch", ts.code());
        assertEquals(StatusCode.Kind.INFORMATIONAL, ts.kind());
        assertTrue(r.active().timeStamp().isEmpty(), "a time stamp that does not cover the signature dates nothing");
    }

    @Test
    void remoteManifestIsReportedAsSuch() {
        C2paReport r = C2paReader.read(C2paFixtures.bytes("cloud.jpg"));
        assertFalse(r.embedded());
        assertEquals("https://cai-manifests.adobe.com/manifests/adobe-urn-uuid-5f37e182-3687-462e-a7fb-573462780391", r.remoteUrl());
        assertTrue(r.hasCode("manifest.inaccessible"));
    }

    @ParameterizedTest
    @CsvSource({"no_manifest.jpg, JPEG", "libpng-test.png, PNG", "sample1.webp, WebP"})
    void filesWithoutAManifest(String file, String container) {
        C2paReport r = C2paReader.read(C2paFixtures.bytes(file));
        assertFalse(r.embedded());
        assertEquals(container, r.container());
        assertTrue(r.manifests().isEmpty());
        assertFalse(r.hasFailure());
    }

    @Test
    void strippedManifestLeavesItsXmpReference() {
        C2paReport r = C2paReader.read(C2paFixtures.bytes("no_manifest.jpg"));
        assertNotNull(r.remoteUrl());
        assertTrue(r.remoteUrl().startsWith("self#jumbf=/c2pa/"));
        assertTrue(r.hasCode("provenant.manifestReferenceWithoutStore"));
    }

    static int indexOf(byte[] b, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= b.length; i++) {
            for (int j = 0; j < what.length; j++) if (b[i + j] != what[j]) continue outer;
            return i;
        }
        return -1;
    }
}
