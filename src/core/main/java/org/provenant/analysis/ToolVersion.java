package org.provenant.analysis;

/**
 * The one place that says which build of Provenant made a result: the version in provenant-core's jar manifest
 * ({@code Implementation-Version}, set by the build), or a plain statement that the code runs from class folders.
 * The case folder's audit log, its stored results and the PDF report all name it.
 */
public final class ToolVersion {
    /** What a build run from class folders ({@code mvn compile}, an IDE) says instead of a version. */
    public static final String UNPACKAGED = "development build (run from classes, no jar version)";

    private ToolVersion() { }

    /** The tool's version from the core jar's manifest, or {@link #UNPACKAGED}. */
    public static String current() {
        String v = ToolVersion.class.getPackage().getImplementationVersion();
        return v == null ? UNPACKAGED : v;
    }
}
