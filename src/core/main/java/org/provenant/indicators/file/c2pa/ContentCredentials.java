package org.provenant.indicators.file.c2pa;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.provenant.core.image.FloatImage;
import org.provenant.core.io.Evidence;
import org.provenant.indicators.Detail;
import org.provenant.indicators.EvidenceFamily;
import org.provenant.indicators.Finding;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.Score;

/**
 * Content Credentials (C2PA): reads the file's manifest store and validates it ({@link C2paReader}). A manifest
 * that fails validation (signature, assertion or content hashes) is strong evidence that the file or its
 * credentials were changed after signing; a valid manifest that declares a generative source
 * ({@code digitalSourceType} trainedAlgorithmicMedia and kin) is strong, explicit evidence of a generated image;
 * no manifest is no evidence at all. Offline there is no trust list, so a valid signature is reported as
 * "signature valid; signer not checked against a trust list", never as trusted.
 */
public final class ContentCredentials implements Indicator {
    public static final String ID = "c2pa";
    /** IPTC digital source types that say the picture was made by an algorithm rather than captured. */
    static final Set<String> GENERATIVE_SOURCES = Set.of("trainedAlgorithmicMedia", "compositeWithTrainedAlgorithmicMedia",
            "algorithmicMedia", "compositeSynthetic");
    /** Leaning strength for a validation failure or a validly signed generative declaration: explicit, not statistical. */
    static final double EXPLICIT_CONFIDENCE = 0.9;
    /** The strength of a validation failure or a signed declaration, in words. */
    static final String EXPLICIT = "explicit file evidence", NO_EVIDENCE = "no evidence either way";

    @Override public String id() { return ID; }
    @Override public String displayName() { return "Content Credentials (C2PA)"; }
    @Override public String methodReference() {
        return "C2PA Technical Specification 2.1 (claims v1/v2, JUMBF ISO/IEC 19566-5, COSE_Sign1 RFC 9052); "
                + "reference implementation c2pa-rs; offline, no trust list";
    }
    @Override public int order() { return 1; }
    @Override public int cost() { return 0; }
    @Override public EvidenceFamily family() { return EvidenceFamily.FILE; }
    @Override public String guidePage() { return "c2pa.md"; }

    @Override
    public IndicatorResult analyze(FloatImage image, IndicatorContext context) {
        Evidence e = context.evidenceFile().orElse(null);
        if (e == null) {
            Score h = new Score("manifests", "Manifests in the store", 0, "no file bytes: the image was made in memory");
            Score f = new Score("failures", "Validation failures", Double.NaN, "undefined: nothing to validate");
            return new IndicatorResult(ID, h, List.of(h, f), List.of(), "There is no evidence file to read Content Credentials "
                    + "from (the image was made in memory), so this indicator has nothing to say.", Hypothesis.INCONCLUSIVE,
                    0.5, null).withFinding(Finding.notHere("no file to read", "the image was made in memory"));
        }
        context.progress().progress(0.1);
        C2paReport r = C2paReader.read(e.copyOfBytes());
        context.progress().progress(1);
        return result(r);
    }

    /** The result for an already read report (the indicator without the file reading; also used by c2pa-scan). */
    public static IndicatorResult result(C2paReport r) {
        Manifest active = r.active();
        List<StatusCode> failures = new ArrayList<>();
        for (StatusCode s : r.allStatuses()) {
            if (s.kind() == StatusCode.Kind.FAILURE && !s.code().equals("manifest.inaccessible")) failures.add(s);
        }
        boolean any = !r.manifests().isEmpty() || r.problem() != null && r.embedded();
        double nFail = any ? failures.size() : Double.NaN;
        double sig = active == null ? Double.NaN : active.statuses().stream().anyMatch(s -> s.code().equals("claimSignature.validated")) ? 1 : 0;
        double binding = active == null ? Double.NaN : active.statuses().stream().anyMatch(s -> s.code().endsWith("Hash.match")) ? 1 : 0;
        String generative = generativeSource(r);
        Score headline = new Score("manifests", "Manifests in the store", r.manifests().size(),
                "0 = the file carries no Content Credentials (no evidence either way); otherwise the active manifest plus its "
                        + "ingredients' manifests, judged by the validation failures below and the verdict");
        List<Score> scores = List.of(headline,
                new Score("failures", "Validation failures", nFail, "status codes of kind 'failure' in the manifest store; "
                        + "0 = valid credentials; any = altered or forged after signing (or damaged); undefined without a manifest"),
                new Score("signature_valid", "Claim signature valid", sig, "1 = the active manifest's signature holds (signer not checked against a trust list); 0 = it does not"),
                new Score("hard_binding_valid", "Content hash matches", binding, "1 = the file's bytes are the signed ones (data or box hash); 0 = they differ or no hash was checked"),
                new Score("declares_generated", "Declares a generative source", generative == null ? (active == null ? Double.NaN : 0) : 1,
                        "1 = an action's digitalSourceType says the picture was made by an algorithm (e.g. trainedAlgorithmicMedia)"));

        Hypothesis h;
        double conf;
        String text;
        Finding finding;
        if (!any) {
            h = Hypothesis.INCONCLUSIVE;
            conf = 0.5;
            text = noManifest(r);
            finding = noManifestFinding(r);
        } else if (!failures.isEmpty()) {
            h = Hypothesis.MANIPULATED;
            conf = EXPLICIT_CONFIDENCE;
            finding = Finding.lean(h, conf, "Content Credentials fail validation (" + failures.get(0).code()
                    + (failures.size() > 1 ? " and " + (failures.size() - 1) + " more" : "") + ")", EXPLICIT);
            text = "The file carries Content Credentials that fail validation: " + codes(failures) + ". A camera original "
                    + "with intact credentials validates cleanly; failing credentials are strong evidence that the picture or "
                    + "its manifest was changed or forged after signing (or that the manifest is damaged)."
                    + (generative != null ? " The manifest also declares a generative source (" + generative + "), but a "
                    + "failing manifest cannot be relied on for that." : "");
        } else if (generative != null) {
            h = Hypothesis.GENERATED;
            conf = EXPLICIT_CONFIDENCE;
            finding = Finding.lean(h, conf, "Content Credentials declare a generated image (" + generative + "), "
                    + signedBy(active), EXPLICIT);
            text = "The file's Content Credentials are valid and declare a generative source: digitalSourceType "
                    + generative + (active.claimGenerator().isEmpty() ? "" : ", written by " + active.claimGenerator())
                    + ". This is strong, explicit evidence of a generated picture (the tool that made it says so). Signature "
                    + "valid; signer not checked against a trust list (" + signerName(active) + ").";
        } else {
            h = Hypothesis.INCONCLUSIVE;
            conf = 0.5;
            finding = new Finding("valid Content Credentials, " + signedBy(active), "signer not checked against a trust list",
                    Finding.Standing.SUPPORTS, Hypothesis.INCONCLUSIVE);
            text = "The file's Content Credentials are valid: signature valid; signer not checked against a trust list ("
                    + signerName(active) + "), and the content hash matches. They record " + actionsInWords(active)
                    + ". Without a trust list anyone can sign such a record, so it neither confirms nor refutes a camera "
                    + "original; a camera original usually carries no credentials at all.";
        }
        return new IndicatorResult(ContentCredentials.ID, headline, scores, List.of(), text, h, conf, null, C2paDetails.of(r), finding);
    }

    private static Finding noManifestFinding(C2paReport r) {
        if (r.remoteUrl() != null && r.remoteUrl().startsWith("self#jumbf=")) {
            return new Finding("Content Credentials stripped: the XMP still names an embedded manifest", "a finding about the"
                    + " file's handling, not a verdict", Finding.Standing.SUPPORTS, Hypothesis.INCONCLUSIVE);
        }
        if (r.remoteUrl() != null) {
            return new Finding("Content Credentials stored remotely, not fetched offline", NO_EVIDENCE, Finding.Standing.NEUTRAL,
                    Hypothesis.INCONCLUSIVE);
        }
        return new Finding("no Content Credentials", NO_EVIDENCE, Finding.Standing.NEUTRAL, Hypothesis.INCONCLUSIVE);
    }

    /** "signed by C2PA Signer (C2PA Test Signing Cert)": the certificate's common name and organisation. */
    static String signedBy(Manifest m) {
        if (m == null || m.signer() == null) return "no readable signing certificate";
        String cn = dnPart(m.signer().subject(), "CN"), o = dnPart(m.signer().subject(), "O");
        if (cn == null && o == null) return "signed by " + m.signer().subject();
        if (cn == null || o == null || cn.equals(o)) return "signed by " + (cn == null ? o : cn);
        return "signed by " + cn + " (" + o + ")";
    }

    private static String dnPart(String dn, String key) {
        for (String part : dn.split(",(?=\\s*[A-Za-z.0-9]+=)")) {
            String p = part.strip();
            if (p.regionMatches(true, 0, key + "=", 0, key.length() + 1)) return p.substring(key.length() + 1).strip();
        }
        return null;
    }

    private static String noManifest(C2paReport r) {
        String base = "The file carries no Content Credentials (no C2PA manifest store in the " + r.container() + " file). "
                + "Most camera photos and most generated images carry none, so their absence is no evidence either way.";
        if (r.remoteUrl() != null && r.remoteUrl().startsWith("self#jumbf=")) {
            return base + " Its XMP still names an embedded manifest (" + r.remoteUrl() + "): the credentials were probably "
                    + "stripped when the file was re-saved.";
        }
        if (r.remoteUrl() != null) {
            return "The file's Content Credentials are stored remotely (" + r.remoteUrl() + "); offline they cannot be fetched "
                    + "(manifest.inaccessible), so nothing can be validated. This is no evidence either way.";
        }
        return r.problem() != null ? base + " Note: " + r.problem() + "." : base;
    }

    static String generativeSource(C2paReport r) {
        for (Manifest m : r.manifests()) {
            if (!m.active()) continue;
            for (Manifest.Action a : m.actions()) if (GENERATIVE_SOURCES.contains(a.digitalSourceType())) return a.digitalSourceType();
        }
        return null;
    }

    private static String codes(List<StatusCode> s) {
        List<String> out = new ArrayList<>();
        for (StatusCode c : s) if (!out.contains(c.code()) && out.size() < 6) out.add(c.code() + " (" + c.explanation() + ")");
        return String.join("; ", out);
    }

    private static String signerName(Manifest m) {
        return m == null || m.signer() == null ? "no readable certificate" : "signed by " + m.signer().subject();
    }

    private static String actionsInWords(Manifest m) {
        if (m == null || m.actions().isEmpty()) return "no actions";
        List<String> a = new ArrayList<>();
        for (Manifest.Action x : m.actions()) if (a.size() < 5) a.add(x.action().replace("c2pa.", "").toLowerCase(Locale.ROOT));
        return "the actions " + String.join(", ", a);
    }
}
