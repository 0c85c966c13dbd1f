package org.provenant.indicators.file.metadata;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.provenant.indicators.jpeg.jpegstructure.JpegFixtures;

/**
 * Writes the files the README's panel screenshots show (scripts/screenshot.sh; see assets/screenshots/file-panels.md):
 * a camera-style JPEG whose EXIF carries a Photoshop Software tag, a later modification date, GPS and a thumbnail;
 * a PNG with a Stable Diffusion web UI {@code parameters} chunk; and a JPEG compressed at quality 60, with a region
 * pasted from the uncompressed photo, saved again at 90. All made from the bundled samples; nothing is evidence.
 */
public final class ScreenshotFiles {
    private ScreenshotFiles() { }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/screenshot-files");
        Files.createDirectories(dir);
        Files.write(dir.resolve("camera-photoshop.jpg"), MetadataFixtures.cameraJpeg("Adobe Photoshop 25.0 (Windows)",
                "2024:06:01 18:30:00", JpegFixtures.sample("coffee.png")));
        Files.write(dir.resolve("stable-diffusion.png"), MetadataFixtures.withText(MetadataFixtures.png(JpegFixtures.sample("chelsea.png")),
                "parameters", "a tabby cat on a red sofa, photo, 50mm\nNegative prompt: blurry, lowres\nSteps: 30, Sampler: DPM++ 2M Karras, "
                        + "CFG scale: 6.5, Seed: 2741, Size: 451x300, Model hash: 6ce0161689, Model: v1-5-pruned-emaonly"));
        BufferedImage coffee = JpegFixtures.sample("coffee.png");
        BufferedImage base = JpegFixtures.decode(JpegFixtures.jpeg(coffee, 60));
        Files.write(dir.resolve("spliced-60-90.jpg"), JpegFixtures.jpeg(JpegFixtures.paste(base, coffee, 64, 64, 160, 128), 90));
        System.out.println("wrote " + dir);
    }
}
