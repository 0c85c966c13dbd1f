package org.provenant.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real launcher in a child JVM (glass's own GTK platform, not the tests' Monocle) where the window cannot
 * start: it must end with exit code 1 and one sentence, never a stack trace. GTK's failure is reproduced for real:
 * a display (Xvfb) is there, and the dynamic loader finds a {@code libgtk-3.so.0} first that is no library at all
 * (an empty file on LD_LIBRARY_PATH), so JavaFX's own load of libglassgtk3.so fails exactly as on a Debian without
 * libgtk-3-0. Skipped without Xvfb (the no-display case runs everywhere).
 */
class LauncherEndToEndTest {
    private record Ended(int code, String err) { }

    private static Ended launch(Map<String, String> env, Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-Dprovenant.case=" + dir.resolve("case"),
                "-cp", System.getProperty("java.class.path"), Launcher.class.getName());
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        pb.environment().putAll(env);
        pb.redirectOutput(dir.resolve("out.txt").toFile());
        pb.redirectError(dir.resolve("err.txt").toFile());
        Process p = pb.start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("the launcher did not end within 90 s (did the window open?)");
        }
        return new Ended(p.exitValue(), Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    /** What the user reads: stderr without JavaFX's own logging lines (its startup warning about the class path). */
    private static List<String> said(Ended e) {
        return e.err().lines().filter(l -> !l.isBlank() && !l.startsWith("WARNING:") && !l.contains("com.sun.javafx.application.PlatformImpl"))
                .toList();
    }

    @Test
    void withoutADisplayTheLauncherSaysSoInOneSentence(@TempDir Path dir) throws Exception {
        Ended e = launch(Map.of(), dir);
        assertEquals(1, e.code(), e.err());
        assertEquals(List.of(Launcher.NO_DISPLAY), said(e), e.err());
        assertFalse(e.err().contains("\tat "), "no stack trace");
    }

    @Test
    void whenGtkCannotLoadTheLauncherNamesThePackageInOneSentence(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/Xvfb")), "Xvfb is not installed");
        Path fake = Files.createDirectories(dir.resolve("no-gtk"));
        Files.write(fake.resolve("libgtk-3.so.0"), new byte[0]);   // found first, and not a library
        Process xvfb = new ProcessBuilder("/usr/bin/Xvfb", "-displayfd", "1", "-screen", "0", "320x240x24", "-nolisten", "tcp")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String display = readDisplay(xvfb);
            Ended e = launch(Map.of("DISPLAY", ":" + display, "LD_LIBRARY_PATH", fake.toString()), dir);
            assertEquals(1, e.code(), e.err());
            assertEquals(List.of(Launcher.GTK_MISSING), said(e), e.err());
            assertTrue(Launcher.GTK_MISSING.contains("apt-get install libgtk-3-0"));
            assertFalse(e.err().contains("\tat "), "no stack trace");
        } finally {
            xvfb.destroy();
            if (!xvfb.waitFor(10, TimeUnit.SECONDS)) xvfb.destroyForcibly();
        }
    }

    /** Xvfb writes the display number it chose once it accepts connections. */
    private static String readDisplay(Process xvfb) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.US_ASCII));
        String line = r.readLine();
        Assumptions.assumeTrue(line != null && line.strip().matches("\\d+"), "Xvfb did not start");
        return line.strip();
    }
}
