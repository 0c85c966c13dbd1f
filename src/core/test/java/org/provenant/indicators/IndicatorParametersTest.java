package org.provenant.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The declared parameters: what the indicators declare, the one check of what is typed, the normal form. */
class IndicatorParametersTest {
    @Test
    void theRegisteredIndicatorsDeclareTheirSettingsOnceWithDistinctKeys() {
        List<String> keys = IndicatorParameters.declared().stream().map(Parameter::key).toList();
        assertEquals(List.of("copymove.min_blocks", "ela.quality", "latentquant.map_side"), keys);
        for (Indicator i : IndicatorRegistry.all()) {
            for (Parameter p : i.parameters()) {
                assertTrue(!p.meaning().isBlank() && !p.label().isBlank(), p.key());
            }
        }
    }

    @Test
    void anUnknownKeyOrAValueOutOfRangeIsRefusedInOneLineNamingTheKeyAndTheRange() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> IndicatorParameters.validated(Map.of("ela.qualty", "80")));
        assertEquals("unknown parameter 'ela.qualty'; known: copymove.min_blocks (3..4096), ela.quality (50..100),"
                + " latentquant.map_side (256..4096)", unknown.getMessage());
        IllegalArgumentException high = assertThrows(IllegalArgumentException.class,
                () -> IndicatorParameters.validated(Map.of("ela.quality", "120")));
        assertEquals("parameter ela.quality must be a whole number from 50 to 100 (default 90), not '120'", high.getMessage());
        IllegalArgumentException word = assertThrows(IllegalArgumentException.class,
                () -> IndicatorParameters.validated(Map.of("latentquant.map_side", "big")));
        assertTrue(word.getMessage().startsWith("parameter latentquant.map_side must be a whole number from 256 to 4096"));
        assertTrue(word.getMessage().lines().count() == 1);
    }

    @Test
    void onlyValuesThatDifferFromTheDefaultAreKept() {
        assertEquals(Map.of("ela.quality", "80"), IndicatorParameters.validated(Map.of("ela.quality", " 80 ", "copymove.min_blocks", "64")));
        assertEquals(Map.of(), IndicatorParameters.validated(Map.of("ela.quality", "90")));
        assertEquals(Map.of("ela.quality", "100", "x.y", "1"), IndicatorParameters.nonDefault(Map.of("ela.quality", "130",
                "latentquant.map_side", "512", "x.y", "1")));
        assertEquals(List.of("ela.quality = 80 (default 90): " + IndicatorRegistry.byId("error-level").parameters().get(0).meaning()),
                IndicatorParameters.describe(Map.of("ela.quality", "80")));
    }
}
