package org.provenant.ml.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.provenant.core.image.FloatImage;

/** The held-out test photos under src/test/resources/photos (never used to train the codec or the forests). */
public final class CodecFixtures {
    public static final List<String> PHOTOS =
            List.of("chelsea-1", "chelsea-2", "coffee-1", "coffee-2", "rocket-1", "rocket-2");

    private CodecFixtures() { }

    public static FloatImage photo(String name) {
        try (InputStream in = CodecFixtures.class.getResourceAsStream("/photos/" + name + ".png")) {
            if (in == null) throw new IllegalStateException("test photo " + name + " missing");
            return FloatImage.fromBufferedImage(ImageIO.read(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<FloatImage> photos() {
        List<FloatImage> out = new ArrayList<>();
        for (String p : PHOTOS) out.add(photo(p));
        return out;
    }
}
