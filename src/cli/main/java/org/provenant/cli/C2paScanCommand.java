package org.provenant.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.provenant.core.command.Command;
import org.provenant.core.command.UsageException;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.file.c2pa.C2paReader;
import org.provenant.indicators.file.c2pa.C2paReport;
import org.provenant.indicators.file.c2pa.ContentCredentials;
import org.provenant.indicators.file.c2pa.StatusCode;

/**
 * Reads the Content Credentials of many files (folders recursively): one line per file (no manifest / valid /
 * INVALID with its failure codes / remote reference) and a summary with the leans and the reading time, so that the
 * indicator's behaviour on a set of camera photos (how many lean away from a camera original) and its speed can be
 * measured.
 */
public final class C2paScanCommand implements Command {
    private static final List<String> SUFFIXES = List.of(".jpg", ".jpeg", ".png", ".webp");

    @Override public String name() { return "c2pa-scan"; }

    @Override public String usage() { return "c2pa-scan PATH...   Content Credentials of every JPEG/PNG/WebP file, with a summary"; }

    @Override public String description() {
        return """
                Reads the Content Credentials (C2PA manifest store) of every JPEG, PNG and WebP file under the given paths (folders
                recursively) and validates them offline: one line per file (none / valid / INVALID with its failure codes / a
                remote reference) and a summary of the leans and of the reading time.""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.isEmpty()) throw new UsageException("c2pa-scan needs at least one file or folder");
        List<Path> files = new ArrayList<>();
        for (String a : args) files.addAll(files(Path.of(a)));
        Map<String, Integer> leans = new TreeMap<>();
        int embedded = 0, remote = 0;
        long totalNanos = 0, maxNanos = 0, firstNanos = 0;
        for (Path f : files) {
            byte[] b = Files.readAllBytes(f);
            long t0 = System.nanoTime();
            C2paReport r = C2paReader.read(b);
            IndicatorResult res = ContentCredentials.result(r);
            long dt = System.nanoTime() - t0;
            if (firstNanos == 0) firstNanos = dt;
            else {
                totalNanos += dt;
                maxNanos = Math.max(maxNanos, dt);
            }
            if (r.embedded()) embedded++;
            if (r.remoteUrl() != null && !r.embedded()) remote++;
            leans.merge(res.supports().name(), 1, Integer::sum);
            out.println(f + "\t" + state(r) + "\t" + res.supports().name());
        }
        int n = files.size();
        out.printf(Locale.ROOT, "files %d, with an embedded store %d, with only an XMP reference %d%n", n, embedded, remote);
        for (Map.Entry<String, Integer> e : leans.entrySet()) {
            out.printf(Locale.ROOT, "lean %s: %d (%.1f %%)%n", e.getKey(), e.getValue(), n == 0 ? 0 : 100.0 * e.getValue() / n);
        }
        int away = n - leans.getOrDefault(Hypothesis.INCONCLUSIVE.name(), 0) - leans.getOrDefault(Hypothesis.CAMERA_ORIGINAL.name(), 0);
        out.printf(Locale.ROOT, "leaning away from a camera original: %d of %d (%.1f %%)%n", away, n, n == 0 ? 0 : 100.0 * away / n);
        out.printf(Locale.ROOT, "read+validate time: first file %.1f ms (class loading, BouncyCastle start); the others "
                + "mean %.2f ms, max %.2f ms per file%n", firstNanos / 1e6, n < 2 ? 0 : totalNanos / 1e6 / (n - 1), maxNanos / 1e6);
        return 0;
    }

    private static String state(C2paReport r) {
        if (!r.embedded()) return r.remoteUrl() == null ? "none" : "reference only: " + r.remoteUrl();
        List<String> fails = new ArrayList<>();
        for (StatusCode s : r.allStatuses()) if (s.kind() == StatusCode.Kind.FAILURE && !fails.contains(s.code())) fails.add(s.code());
        return fails.isEmpty() ? "valid (" + r.manifests().size() + " manifest(s))" : "INVALID " + String.join(",", fails);
    }

    private static List<Path> files(Path p) throws IOException {
        if (!Files.isDirectory(p)) return List.of(p);
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(Files::isRegularFile)
                    .filter(f -> SUFFIXES.stream().anyMatch(x -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(x)))
                    .sorted().toList();
        }
    }
}
