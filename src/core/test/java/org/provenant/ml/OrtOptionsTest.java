package org.provenant.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import ai.onnxruntime.OrtSession;
import org.junit.jupiter.api.Test;

class OrtOptionsTest {
    @Test
    void oneThreadPerSessionOnceTheEngineAsksUnlessThePropertySaysOtherwise() throws Exception {
        String before = System.getProperty(OrtOptions.THREADS_PROPERTY);
        try {
            System.clearProperty(OrtOptions.THREADS_PROPERTY);
            OrtOptions.oneThreadPerSession();
            assertEquals(1, OrtOptions.threads());
            try (OrtSession.SessionOptions session = OrtOptions.sessionOptions()) {
                assertEquals("1", OrtOptions.options(session).get("intraOpNumThreads"));
                assertSame(session, OrtOptions.options(session).get("sessionOptions"));
            }
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
