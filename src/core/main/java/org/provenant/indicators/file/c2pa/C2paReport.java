package org.provenant.indicators.file.c2pa;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything read from a file's Content Credentials: where they are carried, the manifests (active one last) with
 * their validation statuses, a remote-manifest reference, and what is wrong with the store when it cannot be read.
 *
 * @param container     the file's container ("JPEG", "PNG", "WebP")
 * @param embedded      whether the file embeds a manifest store
 * @param manifests     the manifests read, in store order (the active one is last)
 * @param remoteUrl     a remote-manifest reference found in the XMP, or null
 * @param problem       why the store could not be read in full, or null
 * @param storeStatuses statuses about the store as a whole (malformed store, inaccessible remote manifest)
 */
public record C2paReport(String container, boolean embedded, List<Manifest> manifests, String remoteUrl, String problem,
                         List<StatusCode> storeStatuses) {
    public C2paReport {
        manifests = List.copyOf(manifests);
        storeStatuses = List.copyOf(storeStatuses);
    }

    /** The active manifest, or null. */
    public Manifest active() {
        return manifests.isEmpty() ? null : manifests.get(manifests.size() - 1);
    }

    /** Every status code: the store's, then each manifest's. */
    public List<StatusCode> allStatuses() {
        List<StatusCode> all = new ArrayList<>(storeStatuses);
        for (Manifest m : manifests) all.addAll(m.statuses());
        return all;
    }

    public boolean hasFailure() {
        return allStatuses().stream().anyMatch(s -> s.kind() == StatusCode.Kind.FAILURE);
    }

    public boolean hasCode(String code) {
        return allStatuses().stream().anyMatch(s -> s.code().equals(code));
    }
}
