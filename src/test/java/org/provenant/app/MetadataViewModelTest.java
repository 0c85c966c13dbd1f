package org.provenant.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.ResultDetails;
import org.provenant.indicators.Score;

class MetadataViewModelTest {
    private static IndicatorResult result() {
        Score s = new Score("generator_traces", "AI generator traces", 0, "none");
        IndicatorResult r = new IndicatorResult("metadata", s, List.of(s), List.of(), "x", Hypothesis.INCONCLUSIVE, 0.5, null);
        return ResultDetails.attach(r, new ResultDetails(List.of(
                new ResultDetails.Table("Findings", "Findings", List.of("Kind", "Finding"), List.of(List.of("Software", "Photoshop was here"))),
                new ResultDetails.Table("Problems", "Problems", List.of("Problem"), List.of(List.of("Exif IFD0: cyclic IFD offset"))),
                new ResultDetails.Table("Metadata", "Exif IFD0", List.of("Tag", "Value", "Id"), List.of(
                        List.of("Make", "Canon", "0x010F"), List.of("Model", "Canon EOS 5D", "0x0110"), List.of("Software", "Adobe Photoshop", "0x0131"))),
                new ResultDetails.Table("Metadata", "GPS", List.of("Tag", "Value", "Id"), List.of(List.of("GPS Latitude", "48° 51'", "0x0002"))))));
    }

    @Test
    void theSearchKeepsMatchingTagsAndWholeMatchingDirectories() {
        MetadataViewModel vm = new MetadataViewModel();
        vm.show(result());
        assertEquals("4 tags in 2 directories", vm.summaryProperty().get());
        assertEquals(2, vm.visibleProperty().get().size());
        vm.filterProperty().set("canon");
        assertEquals(1, vm.visibleProperty().get().size());
        assertEquals(2, vm.visibleProperty().get().get(0).tags().size());
        assertEquals("2 of 4 tags match 'canon'", vm.summaryProperty().get());
        vm.filterProperty().set("gps");
        assertEquals("GPS", vm.visibleProperty().get().get(0).name());
        vm.filterProperty().set("nothing like this");
        assertTrue(vm.visibleProperty().get().isEmpty());
        assertEquals(List.of("Software", "Photoshop was here"), vm.findings().get(0));
        assertEquals(List.of("Exif IFD0: cyclic IFD offset"), vm.problems());
    }

    @Test
    void theJsonExportHoldsEveryTag() {
        MetadataViewModel vm = new MetadataViewModel();
        assertEquals("[]", vm.exportJson());
        vm.show(result());
        vm.filterProperty().set("gps");   // the export is not filtered
        String json = vm.exportJson();
        assertTrue(json.contains("\"Canon EOS 5D\"") && json.contains("\"GPS Latitude\"") && json.contains("\"Exif IFD0\""), json);
        vm.clear();
        assertTrue(vm.visibleProperty().get().isEmpty());
        assertEquals("", vm.summaryProperty().get());
    }
}
