package org.provenant.report.casefile;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * The one place where case data, stored results and batch outputs are written: to a hidden temporary file in the
 * target's folder, then renamed over the target, so a kill or power loss never leaves a half-written file (at
 * worst a leftover {@code .NAME.RANDOM.tmp}, which {@link #isLeftover} recognises). Also refuses outputs inside
 * evidence folders at any depth (a batch's FOLDER). Writing delegates to {@code core.io.OutputGuard.writeAtomically}.
 */
public final class AtomicWrite {
    /** Writes the content of a file. */
    @FunctionalInterface
    public interface Content {
        void write(OutputStream out) throws IOException;
    }

    private AtomicWrite() { }

    public static void write(Path target, Content content) throws IOException {
        org.provenant.core.io.OutputGuard.writeAtomically(target, content::write);
    }

    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** True for a temporary file that {@link #write} leaves behind only when it was killed half way. */
    public static boolean isLeftover(Path p) {
        String n = p.getFileName().toString();
        return n.startsWith(".") && n.endsWith(".tmp") && n.matches("\\..+\\.[0-9a-f]{1,16}\\.tmp");
    }

    /**
     * Refuses an output that is, or lies inside, one of the evidence paths (a file or a folder of evidence): the
     * evidence and its folders are never written.
     *
     * @throws IOException with a message for the user
     */
    public static void checkOutside(Path output, Collection<Path> evidence) throws IOException {
        Path out = real(output);
        for (Path e : evidence) {
            Path ev = real(e);
            if (out.equals(ev) || out.startsWith(ev) && Files.isDirectory(ev)) {
                throw new IOException(output + " lies in the evidence " + e + "; evidence and its folders are never written"
                        + " - choose an output outside it");
            }
        }
    }

    /** The absolute, normalised path with symbolic links of its existing part resolved. */
    static Path real(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null) return abs;
        try {
            return existing.toRealPath().resolve(existing.relativize(abs)).normalize();
        } catch (IOException e) {
            return abs;
        }
    }
}
