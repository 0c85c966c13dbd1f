package org.provenant.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.imageio.ImageIO;
import org.provenant.core.image.FloatImage;

/** Reference tensors and images that training recipes export into the test resources. */
public final class ReferenceTensors {
    private ReferenceTensors() { }

    /** A float32 little-endian resource of exactly n values. */
    public static float[] floats(String resource, int n) throws IOException {
        try (InputStream in = ReferenceTensors.class.getResourceAsStream(resource)) {
            if (in == null) throw new IOException("missing test resource " + resource);
            byte[] b = in.readAllBytes();
            assertEquals(4L * n, b.length, resource);
            float[] f = new float[n];
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(f);
            return f;
        }
    }

    /** An image resource as the loader's planes (8-bit PNG: exact values / 255). */
    public static FloatImage image(String resource) throws IOException {
        try (InputStream in = ReferenceTensors.class.getResourceAsStream(resource)) {
            if (in == null) throw new IOException("missing test resource " + resource);
            return FloatImage.fromBufferedImage(ImageIO.read(in));
        }
    }
}
