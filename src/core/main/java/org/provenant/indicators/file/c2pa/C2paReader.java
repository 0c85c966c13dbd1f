package org.provenant.indicators.file.c2pa;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import javax.security.auth.x500.X500Principal;

/**
 * Reads and validates a file's C2PA manifest store: finds it ({@link Carrier}), parses the JUMBF boxes
 * ({@link Jumbf}) and the CBOR claims and assertions ({@link Cbor}), and checks each manifest's claim signature
 * ({@link Cose}), the hashes of the assertions its claim lists, the hard binding of the active manifest to the
 * file's bytes ({@link HardBinding}) and the hashes of ingredient manifests. Offline: no trust list, no remote
 * manifest fetched.
 */
public final class C2paReader {
    private C2paReader() { }

    public static C2paReport read(byte[] file) {
        Carrier c = Carrier.find(file);
        List<StatusCode> store = new ArrayList<>();
        if (!c.embedded()) {
            if (c.remoteUrl() != null && c.remoteUrl().startsWith("self#jumbf=")) {
                store.add(StatusCode.info("provenant.manifestReferenceWithoutStore", c.remoteUrl()));
            } else if (c.remoteUrl() != null) {
                store.add(StatusCode.failure("manifest.inaccessible", c.remoteUrl()).detail("offline: the manifest is not fetched"));
            }
            return new C2paReport(c.container(), false, List.of(), c.remoteUrl(), c.problem(), store);
        }
        List<Manifest> manifests = new ArrayList<>();
        String problem = c.problem();
        try {
            List<Jumbf.Box> top = Jumbf.parse(c.store());
            Jumbf.Box root = top.isEmpty() ? null : top.get(0);
            if (root == null || !root.superbox() || !root.descriptionType().equals("c2pa")) {
                throw new JumbfException("the JUMBF store does not start with a C2PA manifest store box");
            }
            List<Jumbf.Box> ms = new ArrayList<>();
            for (Jumbf.Box b : root.children()) if (b.superbox() && b.descriptionType().equals("c2ma")) ms.add(b);
            if (ms.isEmpty()) throw new JumbfException("the manifest store holds no manifest");
            for (int i = 0; i < ms.size(); i++) {
                manifests.add(new ManifestCheck(c, root, ms.get(i), file, i == ms.size() - 1).run());
            }
        } catch (JumbfException e) {
            problem = e.getMessage();
            store.add(StatusCode.failure("manifest.malformed", "").detail(e.getMessage()));
        }
        if (problem != null && store.isEmpty()) store.add(StatusCode.failure("manifest.malformed", "").detail(problem));
        return new C2paReport(c.container(), true, manifests, c.remoteUrl(), problem, store);
    }

    /** The validation of one manifest. */
    private static final class ManifestCheck {
        final Carrier carrier;
        final Jumbf.Box root, manifest;
        final byte[] file, store;
        final boolean active;
        final List<StatusCode> st = new ArrayList<>();
        final List<Manifest.Action> actions = new ArrayList<>();
        final List<Manifest.Ingredient> ingredients = new ArrayList<>();
        final List<String> assertionLabels = new ArrayList<>();
        int version;

        ManifestCheck(Carrier carrier, Jumbf.Box root, Jumbf.Box manifest, byte[] file, boolean active) {
            this.carrier = carrier;
            this.root = root;
            this.manifest = manifest;
            this.file = file;
            this.store = carrier.store();
            this.active = active;
        }

        Manifest run() {
            version = manifest.child("c2pa.claim.v2") != null ? 2 : 1;
            Jumbf.Box claimBox = manifest.child(version == 2 ? "c2pa.claim.v2" : "c2pa.claim");
            Jumbf.Box claimCbor = claimBox == null ? null : claimBox.content("cbor");
            Jumbf.Box assertionStore = manifest.child("c2pa.assertions");
            if (assertionStore != null) for (Jumbf.Box a : assertionStore.children()) if (a.superbox()) assertionLabels.add(a.label());
            if (claimCbor == null) {
                st.add(StatusCode.failure("claim.missing", manifest.label()));
                return build(version, null, null, "");
            }
            JsonNode claim;
            try {
                claim = Cbor.read(store, claimCbor.payloadOffset, claimCbor.payloadLength, "the claim");
            } catch (JumbfException e) {
                st.add(StatusCode.failure("claim.malformed", manifest.label()).detail(e.getMessage()));
                return build(version, null, null, "");
            }
            byte[] claimBytes = Jumbf.slice(store, claimCbor.payloadOffset, claimCbor.payloadLength);
            Manifest.Signer signer = null;
            String when = "";
            Jumbf.Box sigBox = manifest.child("c2pa.signature");
            Jumbf.Box sigCbor = sigBox == null ? null : sigBox.content("cbor");
            String sigUrl = "self#jumbf=/c2pa/" + manifest.label() + "/c2pa.signature";
            if (sigCbor == null) {
                st.add(StatusCode.failure("claimSignature.missing", sigUrl));
            } else {
                try {
                    Cose.Result r = Cose.verify(Jumbf.slice(store, sigCbor.payloadOffset, sigCbor.payloadLength), claimBytes);
                    signer = signer(r);
                    if (r.timeStamp != null && Boolean.TRUE.equals(r.timeStampValid)) when = iso(r.timeStamp);
                    signatureStatuses(r, sigUrl);
                } catch (JumbfException e) {
                    st.add(StatusCode.failure("claimSignature.mismatch", sigUrl).detail(e.getMessage()));
                }
            }
            String alg = claim.hasNonNull("alg") ? claim.get("alg").asText() : null;
            List<JsonNode> listed = new ArrayList<>();
            for (String key : new String[]{"assertions", "created_assertions", "gathered_assertions"}) {
                for (JsonNode h : claim.path(key)) listed.add(h);
            }
            boolean hardBinding = false;
            for (JsonNode ref : listed) hardBinding |= assertion(ref, alg);
            if (active && !hardBinding) st.add(StatusCode.failure("hardBindings.missing", manifest.label()));
            return build(version, claim, signer, when);
        }

        private void signatureStatuses(Cose.Result r, String url) {
            if (r.signer() == null || r.valid == null) {
                st.add(StatusCode.failure(r.signer() == null ? "signingCredential.invalid" : "algorithm.unsupported", url)
                        .detail(r.problem));
                return;
            }
            if (!r.valid) {
                st.add(StatusCode.failure("claimSignature.mismatch", url).detail(r.problem));
            } else {
                st.add(StatusCode.success("claimSignature.validated", url));
                X509Certificate cert = r.signer();
                Date at = Boolean.TRUE.equals(r.timeStampValid) ? r.timeStamp : null;
                if (at != null) {
                    boolean inside = !at.before(cert.getNotBefore()) && !at.after(cert.getNotAfter());
                    st.add(inside ? StatusCode.success("claimSignature.insideValidity", url)
                            : StatusCode.failure("claimSignature.outsideValidity", url).detail("time stamp " + iso(at)));
                }
                st.add(StatusCode.info("provenant.trustListNotChecked", url)
                        .detail("a test certificate and a real one look alike here"));
            }
            if (r.timeStampValid != null) {
                st.add(r.timeStampValid ? StatusCode.success("timeStamp.validated", url)
                        : StatusCode.info(r.timeStampMismatch ? "timeStamp.mismatch" : "timeStamp.malformed", url)
                        .detail(r.timeStampProblem));
            }
        }

        /** Checks one hashed URI of the claim; reads what the assertion says; returns whether it is a hard binding. */
        private boolean assertion(JsonNode ref, String claimAlg) {
            String url = ref.path("url").asText("");
            Jumbf.Box box = resolve(url);
            if (box == null) {
                st.add(StatusCode.failure("assertion.missing", url));
                return false;
            }
            String alg = ref.hasNonNull("alg") ? ref.get("alg").asText() : claimAlg;
            StatusCode h = hashCheck(box, ref, alg, "assertion.hashedURI.match", "assertion.hashedURI.mismatch", url);
            if (h.kind() != StatusCode.Kind.SUCCESS) st.add(h);
            String label = box.label();
            String base = label.replaceAll("\\.v\\d+$", "").replaceAll("__\\d+$", "");
            boolean binding = base.equals("c2pa.hash.data") || base.equals("c2pa.hash.boxes");
            if (!base.startsWith("c2pa.hash.data") && !base.startsWith("c2pa.hash.boxes") && !base.startsWith("c2pa.actions")
                    && !base.startsWith("c2pa.ingredient")) return false;
            Jumbf.Box cbor = box.content("cbor");
            if (cbor == null) return false;
            JsonNode a;
            try {
                a = Cbor.read(store, cbor.payloadOffset, cbor.payloadLength, "assertion " + label);
            } catch (JumbfException e) {
                st.add(StatusCode.failure("assertion.cbor.invalid", url).detail(e.getMessage()));
                return binding;
            }
            if (base.equals("c2pa.hash.data") && active) st.add(HardBinding.dataHash(a, file, claimAlg, url));
            else if (base.equals("c2pa.hash.boxes") && active) st.add(HardBinding.boxHash(a, file, carrier.container(), claimAlg, url));
            else if (base.startsWith("c2pa.actions")) actions(a);
            else if (base.startsWith("c2pa.ingredient")) ingredient(a, claimAlg);
            return binding;
        }

        private void actions(JsonNode a) {
            for (JsonNode x : a.path("actions")) {
                if (actions.size() >= 200) break;
                JsonNode agent = x.path("softwareAgent");
                String sw = agent.isTextual() ? agent.asText() : agent.path("name").asText("");
                String dst = x.path("digitalSourceType").asText("");
                if (version >= 2 && x.path("action").asText().equals("c2pa.created") && dst.isEmpty()) {
                    st.add(StatusCode.failure("assertion.action.malformed", "c2pa.actions")
                            .detail("a c2pa.created action without a digitalSourceType"));
                }
                actions.add(new Manifest.Action(x.path("action").asText("?"), dst.substring(dst.lastIndexOf('/') + 1),
                        sw, x.path("when").asText("")));
            }
        }

        private void ingredient(JsonNode a, String claimAlg) {
            JsonNode ref = a.has("activeManifest") ? a.get("activeManifest") : a.path("c2pa_manifest");
            String url = ref.path("url").asText("");
            String label = "";
            if (!url.isEmpty()) {
                Jumbf.Box m = resolve(url);
                if (m == null) {
                    st.add(StatusCode.failure("ingredient.manifest.missing", url)
                            .detail("the ingredient's manifest is not in this store"));
                } else {
                    label = m.label();
                    String alg = ref.hasNonNull("alg") ? ref.get("alg").asText() : claimAlg;
                    st.add(hashCheck(m, ref, alg, "ingredient.manifest.validated", "ingredient.manifest.mismatch", url));
                }
            }
            JsonNode sigRef = a.path("claimSignature");   // ingredient v3: the hash of the ingredient manifest's signature
            if (sigRef.hasNonNull("url")) {
                String su = sigRef.path("url").asText();
                Jumbf.Box sb = resolve(su);
                String alg = sigRef.hasNonNull("alg") ? sigRef.get("alg").asText() : claimAlg;
                st.add(sb == null ? StatusCode.failure("ingredient.claimSignature.missing", su)
                        : hashCheck(sb, sigRef, alg, "ingredient.claimSignature.validated", "ingredient.claimSignature.mismatch", su));
            }
            if (ingredients.size() < 200) {
                ingredients.add(new Manifest.Ingredient(a.path("dc:title").asText(a.path("title").asText("")),
                        a.path("relationship").asText(""), a.path("dc:format").asText(a.path("format").asText("")), label,
                        recordedFailures(a)));
            }
        }

        /** Failure codes the parent recorded for an ingredient at import (v1/v2 validationStatus, v3 validationResults). */
        private static String recordedFailures(JsonNode a) {
            List<String> codes = new ArrayList<>();
            for (JsonNode s : a.path("validationStatus")) {
                String c = s.path("code").asText("");
                if (!c.isEmpty() && !c.endsWith(".validated") && !c.endsWith(".match") && !c.endsWith(".trusted")
                        && !c.endsWith("insideValidity") && codes.size() < 20) codes.add(c);
            }
            for (JsonNode s : a.path("validationResults").path("activeManifest").path("failure")) {
                if (codes.size() < 20) codes.add(s.path("code").asText("?"));
            }
            return String.join(", ", codes);
        }

        /** Hash of a superbox as the claim's hashed URIs take it: the box's payload (description and content boxes). */
        private StatusCode hashCheck(Jumbf.Box box, JsonNode ref, String alg, String ok, String bad, String url) {
            try {
                MessageDigest md = HardBinding.digest(alg);
                md.update(store, box.payloadOffset, box.payloadLength);
                byte[] expected = ref.path("hash").binaryValue();
                return MessageDigest.isEqual(md.digest(), expected) ? StatusCode.success(ok, url) : StatusCode.failure(bad, url);
            } catch (NoSuchAlgorithmException e) {
                return StatusCode.failure("algorithm.unsupported", url).detail("hash algorithm " + e.getMessage());
            } catch (IOException e) {
                return StatusCode.failure(bad, url).detail(e.getMessage());
            }
        }

        /** Resolves "self#jumbf=" URIs: absolute ("/c2pa/manifest/...") or relative to this manifest. */
        private Jumbf.Box resolve(String url) {
            String p = url.startsWith("self#jumbf=") ? url.substring("self#jumbf=".length()) : url;
            Jumbf.Box at;
            String[] parts;
            if (p.startsWith("/")) {
                parts = p.substring(1).split("/");
                if (parts.length == 0 || !parts[0].equals(root.label())) return null;
                at = root;
                parts = java.util.Arrays.copyOfRange(parts, 1, parts.length);
            } else {
                at = manifest;
                parts = p.split("/");
            }
            for (String part : parts) {
                if (part.isEmpty()) continue;
                at = at.child(part);
                if (at == null) return null;
            }
            return at;
        }

        private Manifest build(int version, JsonNode claim, Manifest.Signer signer, String when) {
            String gen = "", title = "", format = "";
            if (claim != null) {
                gen = claim.path("claim_generator").asText("");
                JsonNode info = claim.path("claim_generator_info");
                JsonNode first = info.isArray() && info.size() > 0 ? info.get(0) : info;
                if (first.isObject()) {
                    String name = first.path("name").asText("") + (first.has("version") ? " " + first.path("version").asText() : "");
                    gen = gen.isEmpty() ? name.trim() : gen;
                }
                title = claim.path("dc:title").asText("");
                format = claim.path("dc:format").asText("");
            }
            return new Manifest(manifest.label(), active, version, gen, title, format, signer, when, actions, ingredients,
                    assertionLabels, st);
        }
    }

    private static Manifest.Signer signer(Cose.Result r) {
        X509Certificate c = r.signer();
        if (c == null) return null;
        return new Manifest.Signer(c.getSubjectX500Principal().getName(X500Principal.RFC2253),
                c.getIssuerX500Principal().getName(X500Principal.RFC2253), iso(c.getNotBefore()), iso(c.getNotAfter()), r.algName,
                r.chain.size() + " certificate(s) in x5chain" + (r.chain.size() < 2 ? ""
                        : r.chainLinked() ? ", each signed by the next" : ", NOT each signed by the next (broken chain)"));
    }

    static String iso(Date d) {
        return DateTimeFormatter.ISO_INSTANT.format(d.toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
