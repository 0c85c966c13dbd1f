import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;

/**
 * Makes the edited picture of the README's pixel-toolbox screenshots (JDK only; `java scripts/MakeEditedSample.java OUT`):
 * assets/samples/astronaut.png saved as JPEG quality 90, then a 96x96 patch of coffee.png (never compressed) pasted at
 * (360, 296), and the 80x80 square at (60, 300) cloned to (330, 60) turned by 5 degrees; written as PNG (lossless, so
 * the JPEG history stays). The result is a test picture, not evidence.
 */
public class MakeEditedSample {
    public static void main(String[] args) throws Exception {
        BufferedImage astro = ImageIO.read(new File("assets/samples/astronaut.png"));
        BufferedImage coffee = ImageIO.read(new File("assets/samples/coffee.png"));
        BufferedImage img = jpeg(astro, 0.90f);
        for (int y = 0; y < 96; y++) for (int x = 0; x < 96; x++) img.setRGB(360 + x, 296 + y, coffee.getRGB(250 + x, 150 + y));
        BufferedImage src = copy(img);
        double a = Math.toRadians(5), c = Math.cos(a), s = Math.sin(a);
        for (int y = 0; y < 80; y++) {
            for (int x = 0; x < 80; x++) {
                double u = x + 0.5 - 40, v = y + 0.5 - 40;
                int sx = (int) Math.floor(100 + c * u + s * v), sy = (int) Math.floor(340 - s * u + c * v);
                img.setRGB(330 + x, 60 + y, src.getRGB(sx, sy));
            }
        }
        ImageIO.write(img, "png", new File(args[0]));
    }

    static BufferedImage copy(BufferedImage b) {
        BufferedImage o = new BufferedImage(b.getWidth(), b.getHeight(), BufferedImage.TYPE_INT_RGB);
        o.getGraphics().drawImage(b, 0, 0, null);
        return o;
    }

    static BufferedImage jpeg(BufferedImage b, float q) throws Exception {
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam p = w.getDefaultWriteParam();
        p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        p.setCompressionQuality(q);
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (var out = ImageIO.createImageOutputStream(bos)) {
            w.setOutput(out);
            w.write(null, new IIOImage(copy(b), null, null), p);
        }
        return copy(ImageIO.read(new ByteArrayInputStream(bos.toByteArray())));
    }
}
