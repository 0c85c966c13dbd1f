package org.provenant.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.provenant.core.command.UsageException;
import org.provenant.indicators.IndicatorParameters;
import org.provenant.indicators.Parameter;

/**
 * The option {@code --param KEY=VALUE} of analyze and batch (repeatable): an indicator's setting, checked against what
 * the indicators declare ({@link IndicatorParameters#validated}); an unknown key or a value out of range is one line
 * naming the key and what is allowed (exit code 2).
 */
final class ParameterOption {
    static final String USAGE = "[--param KEY=VALUE]";
    /** The width of the commands' help lines. */
    static final int HELP_WIDTH = 118;
    private final Map<String, String> given = new LinkedHashMap<>();

    /** Takes every {@code --param KEY=VALUE} out of {@code args}; returns the other arguments in order. */
    List<String> takeAll(List<String> args) throws UsageException {
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (!args.get(i).equals("--param")) {
                rest.add(args.get(i));
                continue;
            }
            if (i + 1 >= args.size()) throw new UsageException("--param needs KEY=VALUE");
            String kv = args.get(++i);
            int eq = kv.indexOf('=');
            if (eq <= 0) throw new UsageException("--param needs KEY=VALUE, not '" + kv + "'");
            given.put(kv.substring(0, eq).strip(), kv.substring(eq + 1));
        }
        return rest;
    }

    /** The settings that differ from the defaults (empty: all defaults). */
    Map<String, String> validated() throws UsageException {
        try {
            return IndicatorParameters.validated(given);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The help lines: the option, then each declared setting with its range and meaning. */
    static String help() {
        return "  --param KEY=VALUE    an indicator's setting (repeatable); results made with settings other than the defaults\n"
                + "                       are stored beside those with the defaults, under their own key:\n"
                + IndicatorParameters.declared().stream().map(ParameterOption::line).collect(Collectors.joining("\n"));
    }

    /** One setting, its meaning wrapped at the width of the other help lines. */
    private static String line(Parameter p) {
        String indent = " ".repeat(25);
        StringBuilder out = new StringBuilder(indent + p.key() + "  " + p.min() + ".." + p.max() + ", default " + p.defaultValue() + ":");
        int width = out.length();
        for (String word : p.meaning().split(" ")) {
            if (width + 1 + word.length() > HELP_WIDTH) {
                out.append('\n').append(indent).append("  ").append(word);
                width = indent.length() + 2 + word.length();
            } else {
                out.append(' ').append(word);
                width += 1 + word.length();
            }
        }
        return out.toString();
    }
}
