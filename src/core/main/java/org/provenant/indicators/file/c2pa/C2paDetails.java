package org.provenant.indicators.file.c2pa;

import java.util.ArrayList;
import java.util.List;
import org.provenant.indicators.Detail;
import org.provenant.indicators.Detail.Tone;

/** The manifest chain as a {@link Detail} tree: the store, then each manifest (active first) with its findings. */
final class C2paDetails {
    private C2paDetails() { }

    static List<Detail> of(C2paReport r) {
        List<Detail> out = new ArrayList<>();
        String where = r.embedded() ? "embedded in the " + r.container() + " file" : "none embedded";
        List<Detail> store = new ArrayList<>();
        if (r.remoteUrl() != null) store.add(Detail.of("Reference in XMP (dcterms:provenance)", r.remoteUrl(), Tone.NOTE));
        if (r.problem() != null) store.add(Detail.of("Problem", r.problem(), Tone.BAD));
        for (StatusCode s : r.storeStatuses()) store.add(status(s));
        out.add(Detail.group("Manifest store", where + (r.manifests().isEmpty() ? "" : ", " + r.manifests().size()
                + " manifest(s)"), r.embedded() ? Tone.NEUTRAL : Tone.NOTE, store));
        List<Manifest> ms = new ArrayList<>(r.manifests());
        java.util.Collections.reverse(ms);   // the active manifest first, then its ingredients' manifests
        for (Manifest m : ms) out.add(manifest(m));
        return out;
    }

    private static Detail manifest(Manifest m) {
        List<Detail> d = new ArrayList<>();
        List<Detail> codes = new ArrayList<>();
        for (StatusCode s : m.statuses()) codes.add(status(s));
        // the validation status first: it is what the examiner needs before the manifest's content
        d.add(Detail.group("Validation status", m.failed() ? "failed" : "no failure", m.failed() ? Tone.BAD : Tone.GOOD, codes));
        d.add(Detail.of("Label", m.label()));
        if (!m.claimGenerator().isEmpty()) d.add(Detail.of("Claim generator", m.claimGenerator()));
        if (!m.title().isEmpty()) d.add(Detail.of("Title", m.title() + (m.format().isEmpty() ? "" : " (" + m.format() + ")")));
        d.add(Detail.of("Claim version", m.claimVersion() == 2 ? "2 (c2pa.claim.v2)" : "1 (c2pa.claim)"));
        if (m.signer() != null) {
            d.add(Detail.group("Signer", m.signer().subject(), Tone.NEUTRAL, List.of(
                    Detail.of("Issuer", m.signer().issuer()),
                    Detail.of("Valid", m.signer().notBefore() + " to " + m.signer().notAfter()),
                    Detail.of("Algorithm", m.signer().algorithm()),
                    Detail.of("Chain", m.signer().chain(), m.signer().chain().contains("NOT") ? Tone.NOTE : Tone.NEUTRAL),
                    Detail.of("Trust list", "not checked (offline): signature validity says nothing about who the signer is", Tone.NOTE))));
        }
        d.add(Detail.of("Time stamp", m.timeStamp().isEmpty() ? "none readable" : m.timeStamp()));
        if (!m.actions().isEmpty()) {
            List<Detail> a = new ArrayList<>();
            for (Manifest.Action x : m.actions()) {
                String v = (x.digitalSourceType().isEmpty() ? "" : "digitalSourceType " + x.digitalSourceType())
                        + (x.softwareAgent().isEmpty() ? "" : (x.digitalSourceType().isEmpty() ? "" : "; ") + "by " + x.softwareAgent())
                        + (x.when().isEmpty() ? "" : "; " + x.when());
                boolean gen = ContentCredentials.GENERATIVE_SOURCES.contains(x.digitalSourceType());
                a.add(Detail.of(x.action(), v, gen ? Tone.BAD : Tone.NEUTRAL));
            }
            d.add(Detail.group("Actions", a.size() + "", Tone.NEUTRAL, a));
        }
        if (!m.ingredients().isEmpty()) {
            List<Detail> g = new ArrayList<>();
            for (Manifest.Ingredient x : m.ingredients()) {
                g.add(Detail.of(x.title().isEmpty() ? "(untitled)" : x.title(), x.relationship()
                        + (x.format().isEmpty() ? "" : ", " + x.format())
                        + (x.manifestLabel().isEmpty() ? ", no manifest of its own" : ", manifest " + x.manifestLabel())
                        + (x.recordedFailures().isEmpty() ? "" : "; failures recorded at import: " + x.recordedFailures()),
                        x.recordedFailures().isEmpty() ? Tone.NEUTRAL : Tone.NOTE));
            }
            d.add(Detail.group("Ingredients", g.size() + "", Tone.NEUTRAL, g));
        }
        String head = (m.active() ? "Active manifest" : "Ingredient manifest");
        return Detail.group(head, m.failed() ? "INVALID" : "valid (signer not checked against a trust list)",
                m.failed() ? Tone.BAD : Tone.GOOD, d);
    }

    static Detail status(StatusCode s) {
        Tone t = switch (s.kind()) { case SUCCESS -> Tone.GOOD; case FAILURE -> Tone.BAD; case INFORMATIONAL -> Tone.NOTE; };
        return Detail.of(s.code(), s.explanation() + (s.url().isEmpty() ? "" : " [" + s.url() + "]"), t);
    }
}
