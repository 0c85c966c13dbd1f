package org.provenant.report.casefile;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The SHA-256 of the program's own code, part of the key of stored results ({@link ResultStore#modelSet}): a
 * development build keeps the same version number across code changes, so the version alone would let a changed
 * indicator reuse results its old code made. Over the jar, every entry's name and content except the jar's
 * manifest and Maven's build records (which carry no code); over a class folder ({@code mvn compile}), every
 * file's relative name and content. Both in name order, so the identity follows the content, not the build time.
 * Computed once per process (about 3 MB of classes: a few tens of milliseconds).
 */
public final class CodeIdentity {
    private static volatile String cached;

    private CodeIdentity() { }

    /** The identity of the code this class was loaded from; "unknown" when its location cannot be read. */
    public static String current() {
        String c = cached;
        if (c != null) return c;
        synchronized (CodeIdentity.class) {
            if (cached == null) {
                try {
                    cached = of(Path.of(CodeIdentity.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
                } catch (IOException | URISyntaxException | RuntimeException e) {
                    cached = "unknown";
                }
            }
            return cached;
        }
    }

    /** SHA-256 (hex) of a jar's entries or a folder's files, as described above. */
    public static String of(Path location) throws IOException {
        MessageDigest md = sha256();
        if (Files.isDirectory(location)) {
            List<Path> files;
            try (Stream<Path> s = Files.walk(location)) {
                files = s.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path f : files) add(md, location.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
        } else {
            try (ZipFile zip = new ZipFile(location.toFile())) {
                List<? extends ZipEntry> entries = Collections.list(zip.entries()).stream()
                        .filter(e -> !e.isDirectory() && !e.getName().equals("META-INF/MANIFEST.MF")
                                && !e.getName().startsWith("META-INF/maven/"))
                        .sorted(java.util.Comparator.comparing(ZipEntry::getName)).toList();
                for (ZipEntry e : entries) {
                    try (InputStream in = zip.getInputStream(e)) {
                        add(md, e.getName(), in.readAllBytes());
                    }
                }
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static void add(MessageDigest md, String name, byte[] content) {
        md.update(name.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
        md.update(Long.toString(content.length).getBytes(StandardCharsets.US_ASCII));
        md.update((byte) 0);
        md.update(content);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
