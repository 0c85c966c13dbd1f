package org.provenant.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OrtOptionsTest {
    @Test
    void oneThreadPerSessionOnceTheEngineAsksUnlessThePropertySaysOtherwise() {
        String before = System.getProperty(OrtOptions.THREADS_PROPERTY);
        try {
            System.clearProperty(OrtOptions.THREADS_PROPERTY);
            OrtOptions.oneThreadPerSession();
            assertEquals(1, OrtOptions.threads());
            assertEquals("1", OrtOptions.options().get("intraOpNumThreads"));
            System.setProperty(OrtOptions.THREADS_PROPERTY, "3");
            assertEquals(3, OrtOptions.threads());
            System.setProperty(OrtOptions.THREADS_PROPERTY, "many");
            assertEquals(1, OrtOptions.threads()); // not a number: the default
        } finally {
            if (before == null) System.clearProperty(OrtOptions.THREADS_PROPERTY);
            else System.setProperty(OrtOptions.THREADS_PROPERTY, before);
        }
    }
}
