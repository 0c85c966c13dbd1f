package org.provenant.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.provenant.core.LibraryLogs;
import org.provenant.core.command.Command;
import org.provenant.core.command.UsageException;
import org.provenant.core.io.ImageLoadException;
import org.provenant.core.io.OutputGuard;
import org.provenant.ml.ModelException;

/** Headless entry point: {@code provenant COMMAND ARGS...}. */
public final class Main {
    private Main() { }

    /**
     * The user commands, then those other modules register as {@link Command} services (provenant-training's train,
     * calibrate and evaluate commands, present when its jar is on the class path, as in the documented jar).
     */
    static Map<String, Command> commands() {
        Map<String, Command> m = new LinkedHashMap<>();
        for (Command c : List.<Command>of(
                /* commands are listed here, one per line */
                new AnalyzeCommand(),
                new BenchCommand(),
                new BenchLareCommand(),
                new ReportCommand(),
                new BenchCodecCommand(),
                new BatchCommand(),
                new C2paScanCommand(),
                new CompressCommand())) {
            m.put(c.name(), c);
        }
        for (Command c : ServiceLoader.load(Command.class)) m.putIfAbsent(c.name(), c);
        return m;
    }

    /** The exit codes every command shares; {@code --help} prints them and docs/commands.md lists them. */
    static final String EXIT_CODES = """
            Exit codes:
              0  done (analyze: the image was analysed, whatever the verdicts)
              1  the work failed: an image that cannot be read, a model missing or altered, an output that cannot be
                 written, out of memory (one line on standard error says which)
              2  wrong usage (unknown command or option, a missing value), or an output refused because it would touch
                 the evidence""";

    /** What every command accepts besides its own options. */
    static final String COMMON_OPTIONS = """
            Every command:
              --help      this help
              --verbose   also show the libraries' own logs (ONNX Runtime, DJL, PDFBox), which are off by default""";

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command and returns its exit code; never throws, never prints a stack trace. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        LibraryLogs.configure(all.remove(LibraryLogs.VERBOSE_FLAG));
        Map<String, Command> cmds = commands();
        if (all.isEmpty() || isHelp(all.get(0)) || all.get(0).equals("help")) {
            Command c = all.size() > 1 ? cmds.get(all.get(1)) : null;
            if (c != null) {
                out.println(help(c));
                return 0;
            }
            out.println(overview(cmds));
            return all.isEmpty() ? 2 : 0;
        }
        Command c = cmds.get(all.get(0));
        if (c == null) {
            err.println("Unknown command '" + all.get(0) + "'. Commands: " + String.join(", ", cmds.keySet())
                    + " (provenant --help lists them)");
            return 2;
        }
        List<String> rest = new ArrayList<>(all.subList(1, all.size()));
        if (rest.stream().anyMatch(Main::isHelp)) {
            out.println(help(c));
            return 0;
        }
        try {
            return c.run(rest, out, err);
        } catch (UsageException e) {
            err.println(e.getMessage());
            err.println("Usage: provenant " + c.usage() + "   (provenant " + c.name() + " --help for more)");
            return 2;
        } catch (OutputGuard.RefusedException e) {
            err.println(e.getMessage());
            return 2;
        } catch (ImageLoadException | ModelException e) {
            err.println(e.getMessage());
            return 1;
        } catch (OutOfMemoryError e) {
            err.println("Out of memory: run with a larger -Xmx or a smaller image.");
            return 1;
        } catch (Exception e) {
            err.println("Error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        }
    }

    private static boolean isHelp(String arg) {
        return arg.equals("--help") || arg.equals("-h");
    }

    /** {@code provenant --help}: every command's usage line, the shared options and the exit codes. */
    static String overview(Map<String, Command> cmds) {
        StringBuilder s = new StringBuilder("Provenant forensic workbench: headless commands\n\n");
        for (Command c : cmds.values()) s.append("  provenant ").append(c.usage()).append('\n');
        return s.append("\n").append("provenant COMMAND --help describes one command.\n\n").append(COMMON_OPTIONS)
                .append("\n\n").append(EXIT_CODES).toString();
    }

    /** {@code provenant COMMAND --help}: its usage, what it does, the shared options and the exit codes. */
    static String help(Command c) {
        return "Usage: provenant " + c.usage() + "\n\n" + c.description().strip() + "\n\n" + COMMON_OPTIONS + "\n\n" + EXIT_CODES;
    }
}
