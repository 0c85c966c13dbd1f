package org.provenant.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.provenant.analysis.casefolder.Annotation;

class AnnotationPainterTest {
    @Test
    void rectangleIsDrawnAtItsScaledImageCoordinates() {
        BufferedImage img = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, 400, 300);
        // evidence pixels (100,100)-(300,200) at half scale -> picture (50,50)-(150,100)
        AnnotationPainter.paint(g, List.of(Annotation.rectangle(100, 100, 300, 200, "", "a", "t", "#ff0000")), 0.5, 400);
        g.dispose();
        assertEquals(0xff0000, img.getRGB(100, 100) & 0xffffff, "bottom edge of the rectangle");
        assertEquals(0xff0000, img.getRGB(150, 75) & 0xffffff, "right edge");
        assertEquals(Color.GRAY.getRGB(), img.getRGB(100, 75), "inside stays untouched");
        assertEquals(Color.GRAY.getRGB(), img.getRGB(350, 250), "far away stays untouched");
    }

    @Test
    void arrowAndNoteLeaveTheirColour() {
        BufferedImage img = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        AnnotationPainter.paint(g, List.of(Annotation.arrow(20, 250, 200, 150, "", "a", "t", "#00ff00"),
                Annotation.note(300, 60, "x", "a", "t", "#0000ff")), 1.0, 400);
        g.dispose();
        assertEquals(0x00ff00, img.getRGB(110, 200) & 0xffffff, "middle of the arrow's shaft");
        assertEquals(0x0000ff, img.getRGB(300, 60) & 0xffffff, "the note's pin");
        assertTrue((img.getRGB(390, 290) & 0xffffff) == 0);
    }
}
