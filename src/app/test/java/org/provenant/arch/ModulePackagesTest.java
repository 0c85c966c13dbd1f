package org.provenant.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The modules under src/ (tests run from the repository root) own disjoint packages: no package's main code is
 * split over two modules, so each jar can be read, sealed or put on a module path alone. And the window's module
 * runs without the training code.
 */
class ModulePackagesTest {
    /** Package name -> the modules whose main/java holds Java files of it. */
    static Map<String, Set<String>> mainPackages() throws IOException {
        Map<String, Set<String>> owners = new TreeMap<>();
        try (Stream<Path> modules = Files.list(Path.of("src"))) {
            for (Path module : modules.filter(m -> Files.isDirectory(m.resolve("main/java"))).toList()) {
                Path java = module.resolve("main/java");
                try (Stream<Path> files = Files.walk(java)) {
                    for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                        String pkg = java.relativize(f.getParent()).toString().replace('/', '.').replace('\\', '.');
                        owners.computeIfAbsent(pkg, k -> new TreeSet<>()).add(module.getFileName().toString());
                    }
                }
            }
        }
        return owners;
    }

    @Test
    void noPackageIsSplitOverTwoModules() throws IOException {
        Map<String, Set<String>> owners = mainPackages();
        assertTrue(owners.keySet().containsAll(List.of("org.provenant.core.io", "org.provenant.cli",
                "org.provenant.training.command", "org.provenant.app")), "all five modules were read: " + owners.keySet());
        Map<String, Set<String>> split = new TreeMap<>();
        owners.forEach((pkg, modules) -> {
            if (modules.size() > 1) split.put(pkg, modules);
        });
        assertEquals(Map.of(), split, "packages whose main code lies in more than one module");
    }

    @Test
    void theWindowsDependenciesLeaveOutTheTrainingModule() {
        // provenant-app excludes provenant-training from the command line it carries (src/app/pom.xml); the class
        // path Maven resolved for this module is what surefire states (the cli jar's own manifest may still name
        // lib/provenant-training-*.jar, which is why installer/build.sh leaves that jar out of the app image)
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> elements = List.of(cp.split(java.io.File.pathSeparator));
        assertTrue(elements.stream().anyMatch(e -> e.contains("provenant-core") || e.contains("src/core/target")), "the resolved class path was read: " + cp);
        assertEquals(List.of(), elements.stream().filter(e -> e.contains("provenant-training") || e.contains("src/training"))
                .toList(), "the window's resolved class path holds no training module");
    }
}
