package dev.stockwatch.job.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} pairs after the command; the known options are taken out, the rest are config keys. */
final class Args {
    final Map<String, String> options = new LinkedHashMap<>();
    final Map<String, String> configKeys = new LinkedHashMap<>();

    static Args parse(List<String> args, Set<String> knownOptions) {
        Args out = new Args();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("unexpected argument \"" + arg + "\": options are --name value");
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else {
                if (i + 1 >= args.size()) {
                    throw new UsageException("--" + name + " needs a value");
                }
                value = args.get(++i);
            }
            if (knownOptions.contains(name)) {
                out.options.put(name, value);
            } else {
                out.configKeys.put(name, value);
            }
        }
        return out;
    }

    String required(String name) {
        String v = options.get(name);
        if (v == null) {
            throw new UsageException("--" + name + " is required");
        }
        return v;
    }
}
