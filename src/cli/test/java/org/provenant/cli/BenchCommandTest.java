package org.provenant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BenchCommandTest {
    @Test
    void fftBenchPrintsBothLibrariesAndTheirResultsAgree() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        assertEquals(0, Main.run(new String[]{"bench", "fft", "--size", "64", "--runs", "1"}, ps, ps));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("JTransforms DoubleFFT_2D") && text.contains("Commons Math row-column"), text);
        Matcher m = Pattern.compile("largest difference of the two results (\\S+)").matcher(text);
        assertTrue(m.find(), text);
        assertTrue(Double.parseDouble(m.group(1)) < 1e-9, text);
        assertEquals(2, Main.run(new String[]{"bench", "fft", "--size", "100"}, ps, ps));
    }
}
