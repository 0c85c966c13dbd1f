package org.provenant.app.panels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.provenant.indicators.Detail;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.Score;
import org.provenant.indicators.file.metadata.MetadataIndicator;

class MetadataViewModelTest {
    private static IndicatorResult result() {
        Score s = new Score("generator_traces", "AI generator traces", 0, "none");
        List<Detail> details = List.of(
                Detail.group(MetadataIndicator.FINDINGS, "1 finding", Detail.Tone.NEUTRAL,
                        List.of(Detail.of("Software", "Photoshop was here", Detail.Tone.NOTE))),
                Detail.group(MetadataIndicator.PROBLEMS, "1 found", Detail.Tone.BAD,
                        List.of(Detail.of("", "Exif IFD0: cyclic IFD offset", Detail.Tone.BAD))),
                Detail.group(MetadataIndicator.DIRECTORIES, "2 directories, 4 tags", Detail.Tone.NEUTRAL, List.of(
                        Detail.group("Exif IFD0", "3 tags", Detail.Tone.NEUTRAL, List.of(Detail.of("Make", "Canon"),
                                Detail.of("Model", "Canon EOS 5D"), Detail.of("Software", "Adobe Photoshop"))),
                        Detail.group("GPS", "1 tag", Detail.Tone.NEUTRAL, List.of(Detail.of("GPS Latitude", "48° 51'"))))));
        return new IndicatorResult("metadata", s, List.of(s), List.of(), "x", Hypothesis.INCONCLUSIVE, 0.5, null, details);
    }

    @Test
    void theSearchKeepsMatchingTagsAndWholeMatchingDirectories() {
        MetadataViewModel vm = new MetadataViewModel();
        vm.show(result());
        assertEquals("4 tags in 2 directories", vm.summaryProperty().get());
        assertEquals(2, vm.visibleProperty().get().size());
        vm.filterProperty().set("canon");
        assertEquals(1, vm.visibleProperty().get().size());
        assertEquals(2, vm.visibleProperty().get().get(0).children().size());
        assertEquals("2 of 4 tags match 'canon'", vm.summaryProperty().get());
        vm.filterProperty().set("gps");
        assertEquals("GPS", vm.visibleProperty().get().get(0).label());
        vm.filterProperty().set("nothing like this");
        assertTrue(vm.visibleProperty().get().isEmpty());
        assertEquals("Photoshop was here", vm.findings().get(0).value());
        assertEquals(List.of("Exif IFD0: cyclic IFD offset"), vm.problems());
    }

    @Test
    void theJsonExportHoldsEveryTag() {
        MetadataViewModel vm = new MetadataViewModel();
        assertEquals("[ ]", vm.exportJson().replaceAll("\\s+", " ").strip());
        vm.show(result());
        vm.filterProperty().set("gps");   // the export is not filtered
        String json = vm.exportJson();
        assertTrue(json.contains("\"Canon EOS 5D\"") && json.contains("\"GPS Latitude\"") && json.contains("\"Exif IFD0\""), json);
        vm.clear();
        assertTrue(vm.visibleProperty().get().isEmpty());
        assertEquals("", vm.summaryProperty().get());
    }
}
