package org.provenant.core.command;

import java.io.PrintStream;
import java.util.List;

/** One CLI sub-command. */
public interface Command {
    String name();

    /** One-line usage, e.g. "analyze IMAGE [--json out.json] [--maps DIR]". */
    String usage();

    /** @return the process exit code */
    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
