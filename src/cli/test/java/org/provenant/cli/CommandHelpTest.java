package org.provenant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.provenant.core.command.Command;

/** Every command answers --help (exit 0, on standard output) with its usage, what it does and the exit codes. */
class CommandHelpTest {
    @Test
    void everyCommandExplainsItselfAndItsExitCodes() {
        for (Command c : Main.commands().values()) {
            for (String flag : new String[] {"--help", "-h"}) {
                CliRun r = CliRun.of(c.name(), flag);
                assertEquals(0, r.code(), c.name() + " " + flag + ": " + r.err());
                assertEquals("", r.err(), c.name());
                assertTrue(r.out().startsWith("Usage: provenant " + c.name()), r.out());
                assertTrue(c.description().strip().length() > 80, c.name() + " says what it does: " + c.description());
                assertTrue(r.out().contains(c.description().strip()), r.out());
                assertTrue(r.out().contains("Exit codes:") && r.out().contains("--verbose"), r.out());
            }
        }
    }

    @Test
    void theTrainingCommandsAreFoundAsServicesOfTheTrainingModule() {
        // provenant-training registers them (META-INF/services); the launcher compiles without that module
        for (String name : List.of("train", "train-detector", "train-codec-detector", "train-lare-forest", "calibrate",
                "calibrate-irs", "evaluate", "codec-false-alarms")) {
            Command c = Main.commands().get(name);
            assertTrue(c != null && c.getClass().getName().startsWith("org.provenant.training."), name + ": " + c);
        }
    }

    @Test
    void helpAnywhereOnTheLineWinsOverTheCommandsWork() {
        // with --help nothing is analysed, even with a file that does not exist
        CliRun r = CliRun.of("analyze", "no-such-file.png", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("Usage: provenant analyze"), r.out());
        assertEquals(r.out(), CliRun.of("help", "analyze").out());
    }

    @Test
    void theOverviewListsEveryCommandAndTheExitCodes() {
        CliRun r = CliRun.of("--help");
        assertEquals(0, r.code());
        for (Command c : Main.commands().values()) assertTrue(r.out().contains("provenant " + c.usage()), c.name());
        assertTrue(r.out().contains(Main.EXIT_CODES), r.out());
        assertEquals(2, CliRun.of().code(), "no command at all is wrong usage");
    }

    @Test
    void wrongUsageIsOneLinePlusTheUsageAndExitCodeTwo() {
        CliRun r = CliRun.of("analyze", "--nope");
        assertEquals(2, r.code());
        assertEquals("unknown option --nope", r.err().lines().findFirst().orElse(""));
        assertTrue(r.err().contains("provenant analyze --help"), r.err());
        CliRun unknown = CliRun.of("analyse");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().startsWith("Unknown command 'analyse'"), unknown.err());
    }
}
