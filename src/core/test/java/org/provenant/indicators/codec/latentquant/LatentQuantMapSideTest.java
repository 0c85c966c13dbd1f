package org.provenant.indicators.codec.latentquant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.provenant.indicators.IndicatorContext;
import org.provenant.ml.ModelRegistry;

class LatentQuantMapSideTest {
    @Test
    void theMapRegionIsBoundedUnlessTheExaminerAsksForMoreWithinLimits() {
        IndicatorContext plain = IndicatorContext.of(ModelRegistry.empty());
        assertEquals(LatentQuantCue.MAP_MAX_SIDE, LatentQuantCue.mapSide(plain));
        assertEquals(2048, LatentQuantCue.mapSide(plain.withParameters(Map.of(LatentQuantCue.MAP_SIDE.key(), "2048"))));
        assertEquals(4096, LatentQuantCue.mapSide(plain.withParameters(Map.of(LatentQuantCue.MAP_SIDE.key(), "100000"))));
        assertEquals(256, LatentQuantCue.mapSide(plain.withParameters(Map.of(LatentQuantCue.MAP_SIDE.key(), "10"))));
        assertEquals(1008, LatentQuantCue.mapSide(plain.withParameters(Map.of(LatentQuantCue.MAP_SIDE.key(), "1020")))); // 16-px grid
    }
}
