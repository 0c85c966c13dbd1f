package org.provenant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as a user runs it, in a child JVM, so that what ONNX Runtime's native code writes straight to the
 * process's standard error is seen too: {@code analyze} on a good image prints its results and nothing on standard
 * error; {@code --verbose} brings the libraries' logs back (so the quiet run is quiet because of the switch, not because
 * nothing was loaded).
 */
class QuietCommandsTest {
    private record Ended(int code, String out, String err) { }

    private static Ended provenant(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt"), err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("provenant " + String.join(" ", args) + " did not end within 300 s");
        }
        return new Ended(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void analyzePrintsNothingOnStandardErrorUnlessVerbose(@TempDir Path dir) throws Exception {
        String image = "assets/samples/astronaut.png";
        Ended quiet = provenant(dir, "analyze", image, "--case", dir.resolve("case").toString());
        assertEquals(0, quiet.code(), quiet.err());
        assertEquals("", quiet.err(), "standard error of analyze on a good image");
        assertTrue(quiet.out().contains("Overall assessment") && quiet.out().contains("LaRE"), quiet.out());

        Ended verbose = provenant(dir, "analyze", image, "--case", dir.resolve("case-verbose").toString(), "--verbose");
        assertEquals(0, verbose.code(), verbose.err());
        // ONNX Runtime's native warnings ("[W:onnxruntime:, graph.cc ...] Removing initializer ...") are back
        assertTrue(verbose.err().contains("W:onnxruntime"), "with --verbose ONNX Runtime's own log is shown: " + verbose.err());
    }
}
