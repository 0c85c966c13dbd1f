package org.provenant.indicators.file.c2pa;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.util.Selector;

/**
 * The claim signature: a COSE_Sign1 (RFC 9052) with the claim bytes as detached payload, its signing certificate
 * chain in the {@code x5chain} header (label 33) and optional RFC 3161 time stamps in {@code sigTst}/{@code sigTst2}.
 * The signature is checked over the Sig_structure ["Signature1", protected, external_aad = empty, claim] with
 * BouncyCastle (ES256/384/512 with raw r||s, PS256/384/512, Ed25519).
 */
final class Cose {
    static final Provider BC = new BouncyCastleProvider();

    /** What the signature box says and whether the signature holds. */
    static final class Result {
        int alg;
        String algName = "unknown";
        final List<X509Certificate> chain = new ArrayList<>();
        /** null: not checked (no certificate / unknown algorithm); else whether it verified. */
        Boolean valid;
        String problem;
        /** Time stamp: when, and whether its own signature held (null when none was present). */
        Date timeStamp;
        Boolean timeStampValid;
        /** The token is well formed but stamps other data than this signature. */
        boolean timeStampMismatch;
        String timeStampProblem;

        X509Certificate signer() { return chain.isEmpty() ? null : chain.get(0); }

        /** Whether each certificate of the x5chain is signed by the next one (says nothing about trust). */
        boolean chainLinked() {
            for (int i = 0; i + 1 < chain.size(); i++) {
                try {
                    chain.get(i).verify(chain.get(i + 1).getPublicKey(), BC);
                } catch (GeneralSecurityException | RuntimeException e) {
                    return false;
                }
            }
            return true;
        }
    }

    private Cose() { }

    static Result verify(byte[] sign1, byte[] claim) throws JumbfException {
        JsonNode cose = Cbor.read(sign1, "the claim signature");
        if (!cose.isArray() || cose.size() != 4 || !cose.get(0).isBinary() || !cose.get(3).isBinary()) {
            throw new JumbfException("the claim signature is not a COSE_Sign1 structure");
        }
        Result r = new Result();
        byte[] protectedBytes = bytes(cose.get(0));
        JsonNode prot = protectedBytes.length == 0 ? null : Cbor.read(protectedBytes, "the signature's protected header");
        JsonNode unprot = cose.get(1);
        r.alg = prot != null && prot.has("1") ? prot.get("1").asInt() : 0;
        JsonNode x5 = first(prot, unprot, "33", "x5chain");
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509", BC);
            if (x5 != null) {
                if (x5.isBinary()) r.chain.add(cert(cf, bytes(x5)));
                else for (JsonNode c : x5) if (c.isBinary() && r.chain.size() < 16) r.chain.add(cert(cf, bytes(c)));
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            r.problem = "the signing certificate cannot be read: " + e.getMessage();
            return r;
        }
        String jca = switch (r.alg) {
            case -7 -> "SHA256withPLAIN-ECDSA";
            case -35 -> "SHA384withPLAIN-ECDSA";
            case -36 -> "SHA512withPLAIN-ECDSA";
            case -37 -> "SHA256withRSAandMGF1";
            case -38 -> "SHA384withRSAandMGF1";
            case -39 -> "SHA512withRSAandMGF1";
            case -8 -> "Ed25519";
            default -> null;
        };
        r.algName = switch (r.alg) {
            case -7 -> "ES256"; case -35 -> "ES384"; case -36 -> "ES512"; case -37 -> "PS256"; case -38 -> "PS384";
            case -39 -> "PS512"; case -8 -> "Ed25519"; default -> "COSE algorithm " + r.alg;
        };
        if (r.chain.isEmpty()) {
            r.problem = "the signature carries no signing certificate (x5chain)";
        } else if (jca == null) {
            r.problem = "the signature algorithm (" + r.algName + ") is not supported";
        } else {
            try {
                Signature s = Signature.getInstance(jca, BC);
                s.initVerify(r.signer().getPublicKey());
                s.update(sigStructure(protectedBytes, claim));
                r.valid = s.verify(bytes(cose.get(3)));
            } catch (GeneralSecurityException | RuntimeException e) {
                r.valid = false;
                r.problem = "the signature cannot be checked: " + e.getMessage();
            }
        }
        JsonNode v2 = first(prot, unprot, "sigTst2");
        // what the time stamp covers: the claim (sigTst, spec 1.x) or the signature value encoded as a CBOR byte
        // string (sigTst2), in a COSE CounterSignature structure with the signature's protected header (as c2pa-rs)
        timeStamp(r, v2 != null ? v2 : first(prot, unprot, "sigTst"),
                counterSignatureData(protectedBytes, v2 != null ? bstr(bytes(cose.get(3))) : claim));
        return r;
    }

    private static void timeStamp(Result r, JsonNode tst, byte[] covered) {
        if (tst == null) return;
        JsonNode tokens = tst.get("tstTokens");
        JsonNode val = tokens != null && tokens.isArray() && tokens.size() > 0 ? tokens.get(0).get("val") : null;
        if (val == null || !val.isBinary()) {
            r.timeStampValid = false;
            r.timeStampProblem = "the time stamp holds no token";
            return;
        }
        try {
            TimeStampToken token = token(bytes(val));
            r.timeStamp = token.getTimeStampInfo().getGenTime();
            String oid = token.getTimeStampInfo().getMessageImprintAlgOID().getId();
            String digest = switch (oid) {
                case "2.16.840.1.101.3.4.2.1" -> "SHA-256";
                case "2.16.840.1.101.3.4.2.2" -> "SHA-384";
                case "2.16.840.1.101.3.4.2.3" -> "SHA-512";
                default -> null;
            };
            if (digest == null || !java.security.MessageDigest.isEqual(token.getTimeStampInfo().getMessageImprintDigest(),
                    java.security.MessageDigest.getInstance(digest).digest(covered))) {
                r.timeStampValid = false;
                r.timeStampMismatch = true;
                r.timeStampProblem = "the time stamp does not cover this signature (its message imprint differs)";
                return;
            }
            @SuppressWarnings("unchecked")
            var matches = token.getCertificates().getMatches((Selector<X509CertificateHolder>) (Selector<?>) token.getSID());
            if (matches.isEmpty()) {
                r.timeStampValid = false;
                r.timeStampProblem = "the time stamp does not carry its authority's certificate";
                return;
            }
            SignerInformationVerifier v = new JcaSimpleSignerInfoVerifierBuilder().setProvider(BC)
                    .build((X509CertificateHolder) matches.iterator().next());
            token.validate(v);
            r.timeStampValid = true;
        } catch (Exception e) {   // BouncyCastle throws many kinds for a damaged token
            r.timeStampValid = false;
            r.timeStampProblem = "the time stamp is malformed or its signature does not hold ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
        }
    }

    /** sigTst2 holds a TimeStampToken; claims of spec 1.x often hold the whole TimeStampResp. */
    private static TimeStampToken token(byte[] der) throws Exception {
        try {
            return new TimeStampToken(new CMSSignedData(der));
        } catch (Exception asToken) {
            TimeStampToken t = new TimeStampResponse(der).getTimeStampToken();
            if (t == null) throw asToken;
            return t;
        }
    }

    private static JsonNode first(JsonNode prot, JsonNode unprot, String... keys) {
        for (String k : keys) {
            if (prot != null && prot.has(k)) return prot.get(k);
            if (unprot != null && unprot.has(k)) return unprot.get(k);
        }
        return null;
    }

    private static X509Certificate cert(CertificateFactory cf, byte[] der) throws GeneralSecurityException {
        return (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der));
    }

    private static byte[] bytes(JsonNode n) {
        try {
            return n.binaryValue();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** ["CounterSignature", protected, external_aad = empty, data]: what a C2PA time stamp's imprint is taken over. */
    static byte[] counterSignatureData(byte[] protectedHeader, byte[] data) {
        return structure("CounterSignature", protectedHeader, data);
    }

    private static byte[] bstr(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + 9);
        head(out, 2, b.length);
        out.writeBytes(b);
        return out.toByteArray();
    }

    /** The COSE Sig_structure for COSE_Sign1 with a detached payload, in canonical CBOR. */
    static byte[] sigStructure(byte[] protectedHeader, byte[] payload) {
        return structure("Signature1", protectedHeader, payload);
    }

    /** [context, protected, external_aad = empty, payload] in canonical CBOR (RFC 9052 section 4.4). */
    private static byte[] structure(String context, byte[] protectedHeader, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + protectedHeader.length + 32);
        out.write(0x84);
        byte[] c = context.getBytes(StandardCharsets.US_ASCII);
        head(out, 3, c.length);
        out.writeBytes(c);
        head(out, 2, protectedHeader.length);
        out.writeBytes(protectedHeader);
        head(out, 2, 0);
        head(out, 2, payload.length);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static void head(ByteArrayOutputStream out, int major, long n) {
        int m = major << 5;
        if (n < 24) out.write(m | (int) n);
        else if (n < 256) { out.write(m | 24); out.write((int) n); }
        else if (n < 65536) { out.write(m | 25); out.write((int) (n >> 8)); out.write((int) n); }
        else { out.write(m | 26); for (int s = 24; s >= 0; s -= 8) out.write((int) (n >> s)); }
    }
}
