package org.provenant.training.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The train command's grouping of photos by source (the end-to-end runs are in the cli module's TrainCommandTest). */
class TrainCommandTest {
    @Test
    void sourcesAreNamedByTheirFirstWord() {
        assertEquals("motorcycle", TrainCommand.group("motorcycle_left.png"));
        assertEquals("motorcycle", TrainCommand.group("Motorcycle-right.PNG"));
        assertEquals("astronaut", TrainCommand.group("astronaut.png"));
    }
}
