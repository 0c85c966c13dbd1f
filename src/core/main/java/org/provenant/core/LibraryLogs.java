package org.provenant.core;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The libraries' own logs (ONNX Runtime's graph warnings, DJL's engine notes, PDFBox's font messages), which mean
 * nothing to an examiner: off unless the user asks with {@code --verbose}. What a user sees is the command's own
 * output: progress, results and one-line errors. Called once by the entry points (the command line, the window's
 * launcher) before any library logs; SLF4J's simple logger reads its level once, at its first use.
 */
public final class LibraryLogs {
    /** The command-line switch that turns the libraries' logs on. */
    public static final String VERBOSE_FLAG = "--verbose";

    private static final String SLF4J_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";
    private static volatile boolean verbose;
    /** Kept so that java.util.logging cannot forget the level (it holds its loggers weakly). */
    private static final Logger ROOT = Logger.getLogger("");

    private LibraryLogs() { }

    /**
     * Quiet (the default) or verbose: SLF4J's simple logger (DJL; PDFBox through commons-logging) at "off" or "info",
     * java.util.logging's root at OFF or INFO, and ONNX Runtime sessions loaded from now on at their fatal or warning
     * level ({@link #verbose()}). A level the user set with {@code -Dorg.slf4j.simpleLogger.defaultLogLevel} stays.
     */
    public static void configure(boolean beVerbose) {
        verbose = beVerbose;
        if (System.getProperty(SLF4J_LEVEL) == null) System.setProperty(SLF4J_LEVEL, beVerbose ? "info" : "off");
        ROOT.setLevel(beVerbose ? Level.INFO : Level.OFF);
    }

    /** True when the user asked for the libraries' logs. */
    public static boolean verbose() {
        return verbose;
    }
}
