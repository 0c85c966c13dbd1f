package org.provenant.analysis.workflow;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.provenant.indicators.Indicator;

/**
 * The SHA-256 of the code that makes results, part of the key of stored results ({@link ResultKey}): a development
 * build keeps the same version number across code changes, so the version alone would let a changed indicator
 * reuse results its old code made. It covers every jar or class folder that produces results: provenant-core (the
 * engine, the indicators, the JSON form: where this class lives) and the code location of every indicator
 * registered on the class path ({@code META-INF/services/org.provenant.indicators.Indicator}), so an indicator
 * shipped in another jar counts too. The PDF, the window and the commands only show results, so their jars do not
 * count; third-party libraries count through the tool version. Over a jar, every entry's name and content except
 * the jar's manifest and Maven's build records (which carry no code); over a class folder ({@code mvn compile}),
 * every file's relative name and content; both in name order, and the locations' identities sorted, so the
 * identity follows the content, not the build time, the class path order or where the files lie. Computed once
 * per process (a few MB of classes: a few tens of milliseconds).
 */
public final class CodeIdentity {
    private static volatile String cached;

    private CodeIdentity() { }

    /** The identity of the code that makes results ({@link #locations()}); "unknown" when a location cannot be read. */
    public static String current() {
        String c = cached;
        if (c != null) return c;
        synchronized (CodeIdentity.class) {
            if (cached == null) {
                try {
                    cached = of(locations());
                } catch (IOException | URISyntaxException | RuntimeException e) {
                    cached = "unknown";
                }
            }
            return cached;
        }
    }

    /** The jars or class folders of provenant-core and of every registered indicator, without repeats. */
    public static List<Path> locations() throws URISyntaxException {
        Set<Path> out = new LinkedHashSet<>();
        out.add(location(CodeIdentity.class));
        for (ServiceLoader.Provider<Indicator> p : ServiceLoader.load(Indicator.class, Indicator.class.getClassLoader())
                .stream().toList()) {
            out.add(location(p.type()));
        }
        return List.copyOf(out);
    }

    private static Path location(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath().normalize();
    }

    /** SHA-256 (hex) over the sorted identities ({@link #of(Path)}) of these locations. */
    public static String of(List<Path> locations) throws IOException {
        List<String> ids = new ArrayList<>();
        for (Path p : locations) ids.add(of(p));
        Collections.sort(ids);
        MessageDigest md = sha256();
        for (String id : ids) md.update((id + "\n").getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(md.digest());
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
