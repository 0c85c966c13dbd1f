package org.provenant.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.provenant.core.io.ImageLoadException;
import org.provenant.core.io.OutputGuard;
import org.provenant.ml.ModelException;

/** Headless entry point: {@code provenant COMMAND ARGS...}. */
public final class Main {
    private Main() { }

    static Map<String, Command> commands() {
        Map<String, Command> m = new LinkedHashMap<>();
        for (Command c : List.<Command>of(
                /* commands are listed here, one per line */
                new AnalyzeCommand(),
                new BenchCommand(),
                new BenchLareCommand(),
                new TrainLareForestCommand(),
                new CalibrateIrsCommand(),
                new ReportCommand(),
                new TrainCommand(),
                new TrainDetectorCommand(),
                new TrainCodecDetectorCommand(),
                new BenchCodecCommand(),
                new BatchCommand(),
                new EvaluateCommand(),
                new CalibrateCommand(),
                new C2paScanCommand(),
                new CompressCommand(),
                new CodecFalseAlarmCommand(),
                new FitLocalizationCommand())) {
            m.put(c.name(), c);
        }
        return m;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command and returns its exit code; never throws, never prints a stack trace. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, Command> cmds = commands();
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help") || args[0].equals("help")) {
            out.println("Provenant forensic workbench: headless commands");
            for (Command c : cmds.values()) out.println("  provenant " + c.usage());
            return args.length == 0 ? 2 : 0;
        }
        Command c = cmds.get(args[0]);
        if (c == null) {
            err.println("Unknown command '" + args[0] + "'. Commands: " + String.join(", ", cmds.keySet()));
            return 2;
        }
        List<String> rest = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
        try {
            return c.run(rest, out, err);
        } catch (UsageException e) {
            err.println(e.getMessage());
            err.println("Usage: provenant " + c.usage());
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
}
