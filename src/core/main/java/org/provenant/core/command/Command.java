package org.provenant.core.command;

import java.io.PrintStream;
import java.util.List;

/** One CLI sub-command. */
public interface Command {
    String name();

    /** One-line usage, e.g. "analyze IMAGE [--json out.json] [--maps DIR]". */
    String usage();

    /**
     * What the command does, for {@code provenant COMMAND --help}: a few lines of plain text, each option explained,
     * and any exit code of its own beyond the shared ones (0 done, 1 failed, 2 wrong usage or refused output).
     */
    String description();

    /** @return the process exit code */
    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
