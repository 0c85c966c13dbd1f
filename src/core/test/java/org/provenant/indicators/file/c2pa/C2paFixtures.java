package org.provenant.indicators.file.c2pa;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The reference implementation's fixtures in src/test/resources/c2pa (see the README there). */
final class C2paFixtures {
    private C2paFixtures() { }

    static byte[] bytes(String name) {
        try (InputStream in = C2paFixtures.class.getResourceAsStream("/c2pa/" + name)) {
            if (in == null) throw new IllegalStateException("missing test resource c2pa/" + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
