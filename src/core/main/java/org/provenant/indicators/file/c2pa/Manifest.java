package org.provenant.indicators.file.c2pa;

import java.util.List;

/**
 * One manifest of the store as read and validated.
 *
 * @param label          its JUMBF label (urn:uuid:... or urn:c2pa:...)
 * @param active         whether it is the active (last) manifest, the one that describes this file
 * @param claimVersion   1 for {@code c2pa.claim}, 2 for {@code c2pa.claim.v2}
 * @param claimGenerator the claim generator (software that wrote the manifest)
 * @param title          dc:title, or empty
 * @param format         dc:format, or empty
 * @param signer         signing certificate's subject, issuer, validity and algorithm, or null when unreadable
 * @param timeStamp      the time stamp's time (ISO-8601 UTC), or empty
 * @param actions        the actions assertion's entries
 * @param ingredients    the ingredient assertions
 * @param assertions     labels of every assertion in the manifest
 * @param statuses       validation status codes for this manifest
 */
public record Manifest(String label, boolean active, int claimVersion, String claimGenerator, String title, String format,
                       Signer signer, String timeStamp, List<Action> actions, List<Ingredient> ingredients,
                       List<String> assertions, List<StatusCode> statuses) {
    public Manifest {
        actions = List.copyOf(actions);
        ingredients = List.copyOf(ingredients);
        assertions = List.copyOf(assertions);
        statuses = List.copyOf(statuses);
    }

    /** Signing certificate: subject, issuer, validity (ISO-8601 UTC), signature algorithm, and the x5chain in words. */
    public record Signer(String subject, String issuer, String notBefore, String notAfter, String algorithm, String chain) { }

    /** One action: its name, digital source type (last URI segment), software agent and time (may be empty). */
    public record Action(String action, String digitalSourceType, String softwareAgent, String when) { }

    /**
     * One ingredient: title, relationship, format, the label of its manifest in this store (or empty), and the failure
     * codes its parent recorded for it when it was imported (validationStatus / validationResults; empty when none).
     */
    public record Ingredient(String title, String relationship, String format, String manifestLabel, String recordedFailures) { }

    public boolean failed() {
        return statuses.stream().anyMatch(s -> s.kind() == StatusCode.Kind.FAILURE);
    }
}
