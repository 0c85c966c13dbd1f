package org.provenant.indicators.file.c2pa;

import java.util.Map;

/**
 * One validation status in the C2PA specification's words (section "Validation", status codes such as
 * {@code claimSignature.validated} or {@code assertion.dataHash.mismatch}), with the manifest part it is about and
 * a plain-words explanation.
 *
 * @param code        the specification's code
 * @param kind        success, failure or informational, as the specification classes it
 * @param url         the JUMBF URI or label of what it is about (may be empty)
 * @param explanation what it means, in plain words
 */
public record StatusCode(String code, Kind kind, String url, String explanation) {
    public enum Kind { SUCCESS, FAILURE, INFORMATIONAL }

    private static final Map<String, String> MEANING = Map.ofEntries(
            Map.entry("claimSignature.validated", "the claim's signature is valid: the claim is unchanged since it was signed"),
            Map.entry("claimSignature.mismatch", "the claim's signature does not match the claim: the manifest was altered or forged after signing"),
            Map.entry("claimSignature.missing", "the manifest has no signature"),
            Map.entry("claimSignature.insideValidity", "the signing certificate was valid when the claim was signed"),
            Map.entry("claimSignature.outsideValidity", "the signing certificate was not valid when the claim was signed"),
            Map.entry("claim.missing", "the manifest has no claim"),
            Map.entry("claim.malformed", "the claim cannot be read"),
            Map.entry("signingCredential.invalid", "the signing certificate cannot be read or used"),
            Map.entry("provenant.trustListNotChecked", "signature valid; signer not checked against a trust list (none offline; not a C2PA code, Provenant's note)"),
            Map.entry("timeStamp.validated", "the time stamp covers this signature and its own signature holds"),
            Map.entry("timeStamp.mismatch", "the time stamp does not cover this signature (informational here: the claim "
                    + "signature is judged without it, and the time is not used)"),
            Map.entry("timeStamp.malformed", "the time stamp cannot be read or its signature does not hold (informational: the claim signature is judged without it)"),
            Map.entry("assertion.hashedURI.match", "the assertion is unchanged since the claim was signed"),
            Map.entry("assertion.hashedURI.mismatch", "the assertion was changed after the claim was signed"),
            Map.entry("assertion.missing", "an assertion the claim lists is not in the manifest"),
            Map.entry("assertion.dataHash.match", "the file's bytes are the ones that were signed (data hash)"),
            Map.entry("assertion.dataHash.mismatch", "the file's bytes differ from the ones that were signed: the content was changed after signing"),
            Map.entry("assertion.dataHash.malformed", "the data hash assertion cannot be used (bad exclusions or algorithm)"),
            Map.entry("assertion.boxesHash.match", "the file's boxes (segments) are the ones that were signed (box hash)"),
            Map.entry("assertion.boxesHash.mismatch", "a box (segment) of the file differs from the one that was signed"),
            Map.entry("assertion.boxesHash.unknownBox", "the file's boxes (segments) are not the ones the box hash lists"),
            Map.entry("assertion.cbor.invalid", "an assertion's CBOR cannot be read"),
            Map.entry("hardBindings.missing", "the manifest binds to no content (no data hash or box hash)"),
            Map.entry("algorithm.unsupported", "a hash or signature algorithm this reader does not know"),
            Map.entry("ingredient.manifest.validated", "the ingredient's manifest is the one its parent recorded"),
            Map.entry("ingredient.manifest.mismatch", "the ingredient's manifest differs from the one its parent recorded"),
            Map.entry("ingredient.claimSignature.validated", "the ingredient manifest's signature is the one its parent recorded"),
            Map.entry("ingredient.claimSignature.mismatch", "the ingredient manifest's signature differs from the one its parent recorded"),
            Map.entry("ingredient.claimSignature.missing", "the ingredient manifest's signature its parent recorded is not in this store"),
            Map.entry("manifest.inaccessible", "the manifest is stored remotely and cannot be fetched offline"),
            Map.entry("assertion.action.malformed", "an action assertion breaks the specification's rules"),
            Map.entry("ingredient.manifest.missing", "the ingredient's manifest is not in this store"),
            Map.entry("provenant.manifestReferenceWithoutStore", "the XMP names an embedded manifest that the file no longer carries: "
                    + "the Content Credentials were probably stripped (not a C2PA code; Provenant's note)"),
            Map.entry("manifest.malformed", "the manifest store cannot be read (damaged or hostile structure)"));

    public static StatusCode of(String code, Kind kind, String url) {
        return new StatusCode(code, kind, url == null ? "" : url, MEANING.getOrDefault(code, code));
    }

    public static StatusCode success(String code, String url) { return of(code, Kind.SUCCESS, url); }

    public static StatusCode failure(String code, String url) { return of(code, Kind.FAILURE, url); }

    public static StatusCode info(String code, String url) { return of(code, Kind.INFORMATIONAL, url); }

    /** The same code with more detail appended to its explanation. */
    public StatusCode detail(String more) {
        return more == null || more.isBlank() ? this : new StatusCode(code, kind, url, explanation + " (" + more + ")");
    }
}
