package org.provenant.core.io;

import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/**
 * The evidence-safety rule for everything Provenant writes (CLI outputs, window exports, case files):
 * <ul>
 * <li>an output that resolves (after links, and for an existing file also by identity, so a hard link counts) to
 * an evidence file is refused;</li>
 * <li>no file or folder is created directly in an evidence file's folder (an output in an <em>existing</em>
 * sub-folder of it is allowed);</li>
 * <li>an existing file is replaced only when it is one of ours ({@link #isOurs}) or empty, and only atomically
 * ({@link #writeAtomically}: temporary file in the same folder, then a rename).</li>
 * </ul>
 * Case folders and batch outputs whose evidence is a whole folder use {@link #checkOutside}. Callers check every
 * output path before the analysis starts; each refusal is one line naming the file. This is the one evidence-write
 * guard: every writer (CLI, window, case folder, batch, report) goes through it.
 */
public final class OutputGuard {
    /** The mark our outputs carry: JSON {@code "format": "provenant-..."}, PDF creator, PNG {@code tEXt Software}. */
    public static final String MARK = "Provenant";
    private static final int SNIFF = 64 * 1024;

    private OutputGuard() { }

    /** Writes to an output stream; may throw I/O errors. */
    @FunctionalInterface
    public interface IOConsumer<T> {
        void accept(T t) throws IOException;
    }

    /** An output path was refused; the message is one line for the examiner. */
    public static final class RefusedException extends IOException {
        public RefusedException(String message) {
            super(message);
        }
    }

    /**
     * Checks that {@code output} may be written as a file: not an evidence file, not created in an evidence
     * folder, not a folder, and if it exists, one of ours.
     */
    public static void check(Path output, Collection<Path> evidence) throws RefusedException {
        checkNotEvidence(output, evidence);
        Path real = resolve(output);
        String name = name(output);
        for (Path ev : evidence) {
            Path evFolder = resolve(ev).getParent();
            if (evFolder != null && evFolder.equals(firstCreatedParent(real))) {
                throw new RefusedException("Refusing to write " + name + ": it would be created in the evidence folder "
                        + evFolder + " (no file is ever created beside the evidence; choose another folder)");
            }
        }
        if (Files.isDirectory(real)) throw new RefusedException("Refusing to write " + name + ": it is a folder; name a file");
        if (Files.exists(real) && !isOurs(real)) {
            throw new RefusedException("Refusing to replace " + name + ": it exists and was not written by Provenant"
                    + " (choose another name or remove it first)");
        }
    }

    /**
     * Checks an output folder (e.g. {@code --maps DIR}): not an evidence file, not the evidence folder, not created
     * in it, and not an existing plain file. The files later written into it are checked one by one with
     * {@link #check}.
     */
    public static void checkFolder(Path folder, Collection<Path> evidence) throws RefusedException {
        checkNotEvidence(folder, evidence);
        Path real = resolve(folder);
        String name = name(folder);
        for (Path ev : evidence) {
            Path evFolder = resolve(ev).getParent();
            if (evFolder == null) continue;
            if (evFolder.equals(real)) {
                throw new RefusedException("Refusing to write into " + name + ": it is the evidence folder (choose another folder)");
            }
            if (!Files.isDirectory(real) && evFolder.equals(firstCreatedParent(real))) {
                throw new RefusedException("Refusing to create " + name + ": it would be created in the evidence folder "
                        + evFolder + " (choose another folder)");
            }
        }
        if (Files.exists(real) && !Files.isDirectory(real)) {
            throw new RefusedException("Refusing to write into " + name + ": it is a file, not a folder");
        }
    }

    /**
     * The weaker check for a case file that still lives beside its evidence ({@code IMAGE.provenant.json}, until
     * case data moves to a case folder): not an evidence file, and if it exists, one of ours.
     */
    public static void checkSidecar(Path output, Collection<Path> evidence) throws RefusedException {
        checkNotEvidence(output, evidence);
        Path real = resolve(output);
        if (Files.isDirectory(real) || Files.exists(real) && !isOurs(real)) {
            throw new RefusedException("Refusing to replace " + name(output) + ": it exists and was not written by Provenant");
        }
    }

    /**
     * The rule for case folders and batch outputs, whose evidence may be whole folders: refuses an output that is,
     * or lies at any depth inside, one of the evidence paths (a file, or a folder of evidence).
     */
    public static void checkOutside(Path output, Collection<Path> evidence) throws RefusedException {
        Path out = resolve(output);
        for (Path e : evidence) {
            Path ev = resolve(e);
            if (out.equals(ev) || out.startsWith(ev) && Files.isDirectory(ev)) {
                throw new RefusedException(output + " lies in the evidence " + e + "; evidence and its folders are never"
                        + " written - choose an output outside it");
            }
        }
    }

    private static void checkNotEvidence(Path output, Collection<Path> evidence) throws RefusedException {
        Path real = resolve(output);
        for (Path ev : evidence) {
            if (resolve(ev).equals(real) || sameExistingFile(real, ev)) {
                throw new RefusedException("Refusing to write " + name(output) + ": it is the evidence file " + name(ev)
                        + " (the evidence is never overwritten)");
            }
        }
    }

    /**
     * Whether an existing file may be replaced: empty, or it carries our mark where we put it: a JSON file whose
     * first bytes hold {@code "format" : "provenant-...}, a PNG with a {@code tEXt Software=Provenant...} chunk
     * before its pixels, a PDF naming Provenant as its creator in its document information (uncompressed, in its first or
     * last 64 KiB). Anything else, including every image an examiner may have put there, is not ours.
     */
    public static boolean isOurs(Path file) {
        try {
            if (!Files.isRegularFile(file)) return false;
            long size = Files.size(file);
            if (size == 0) return true;
            byte[] head = readRange(file, 0, (int) Math.min(size, SNIFF));
            String h = new String(head, StandardCharsets.ISO_8859_1);
            if (h.startsWith("\u0089PNG")) return h.contains("tEXtSoftware\0" + MARK);
            if (h.startsWith("%PDF-")) {
                String tail = new String(readRange(file, Math.max(0, size - SNIFF), (int) Math.min(size, SNIFF)), StandardCharsets.ISO_8859_1);
                return h.contains("/Creator (" + MARK) || tail.contains("/Creator (" + MARK);
            }
            String t = h.stripLeading();
            if (t.startsWith("{")) {
                int f = t.indexOf("\"format\"");
                return f >= 0 && f < 200 && t.substring(f, Math.min(t.length(), f + 40)).replace(" ", "")
                        .toLowerCase(Locale.ROOT).startsWith("\"format\":\"" + MARK.toLowerCase(Locale.ROOT) + "-");
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Writes {@code target} through a temporary file in the same folder, then moves it over the target (atomically
     * where the file system can), so a reader never sees half a file and a failure leaves the old file as it was;
     * the temporary file is removed on failure. Missing parent folders are created (check the path first).
     */
    public static void writeAtomically(Path target, IOConsumer<OutputStream> writer) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        if (parent != null) Files.createDirectories(parent);
        Path tmp = tempBesides(abs);
        try {
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                writer.accept(os);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes a UTF-8 text file atomically ({@link #writeAtomically}). */
    public static void writeString(Path target, String text) throws IOException {
        writeAtomically(target, os -> os.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * True for a temporary file that {@link #writeAtomically} leaves behind only when the process was killed half
     * way ({@code .NAME.HEX.tmp}, {@link #tempBesides}); our own output folders may delete them.
     */
    public static boolean isLeftover(Path p) {
        String n = p.getFileName().toString();
        return n.startsWith(".") && n.endsWith(".tmp") && n.matches("\\..+\\.[0-9a-f]{1,16}\\.tmp");
    }

    /** Writes {@code img} as a marked PNG ({@link #writePng(BufferedImage, OutputStream)}) atomically. */
    public static void writePng(Path target, BufferedImage img) throws IOException {
        writeAtomically(target, os -> writePng(img, os));
    }

    /**
     * Writes a PNG carrying our mark (a {@code tEXt} chunk {@code Software=Provenant}, right after the header), so
     * that {@link #isOurs} recognises it when it is written again.
     */
    public static void writePng(BufferedImage img, OutputStream os) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        if (!ImageIO.write(img, "png", buf)) throw new IOException("no PNG writer available");
        byte[] png = buf.toByteArray();
        byte[] text = ("Software\0" + MARK).getBytes(StandardCharsets.ISO_8859_1);
        int ihdrEnd = 8 + 4 + 4 + 13 + 4;
        os.write(png, 0, ihdrEnd);
        DataOutputStream d = new DataOutputStream(os);
        d.writeInt(text.length);
        byte[] typed = new byte[4 + text.length];
        System.arraycopy("tEXt".getBytes(StandardCharsets.ISO_8859_1), 0, typed, 0, 4);
        System.arraycopy(text, 0, typed, 4, text.length);
        d.write(typed);
        CRC32 crc = new CRC32();
        crc.update(typed);
        d.writeInt((int) crc.getValue());
        d.write(png, ihdrEnd, png.length - ihdrEnd);
        d.flush();
    }

    /** A new empty hidden file in the same folder as {@code target}, to be moved onto it. */
    public static Path tempBesides(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        for (int i = 0; i < 100; i++) {
            Path p = abs.resolveSibling("." + abs.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            try {
                return Files.createFile(p);
            } catch (FileAlreadyExistsException e) {
                // try another name
            }
        }
        throw new IOException("cannot create a temporary file beside " + abs);
    }

    /** The path with links resolved in its longest existing prefix, the rest appended (normalised, absolute). */
    static Path resolve(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        List<Path> rest = new ArrayList<>();
        Path cur = abs;
        while (cur != null) {
            try {
                Path real = cur.toRealPath();
                for (int i = rest.size() - 1; i >= 0; i--) real = real.resolve(rest.get(i));
                return real.normalize();
            } catch (IOException e) {
                if (cur.getFileName() == null) break;
                rest.add(cur.getFileName());
                cur = cur.getParent();
            }
        }
        return abs;
    }

    /** The folder in which the first new entry would be created for {@code real}: its nearest existing ancestor. */
    private static Path firstCreatedParent(Path real) {
        if (Files.exists(real, LinkOption.NOFOLLOW_LINKS)) return real.getParent();
        Path cur = real.getParent();
        while (cur != null && !Files.exists(cur)) cur = cur.getParent();
        return cur;
    }

    private static boolean sameExistingFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private static byte[] readRange(Path f, long from, int len) throws IOException {
        try (InputStream in = Files.newInputStream(f)) {
            in.skipNBytes(from);
            return in.readNBytes(len);
        }
    }

    private static String name(Path p) {
        Path n = p.getFileName();
        return PlainText.of(n == null ? p.toString() : n.toString());
    }
}
