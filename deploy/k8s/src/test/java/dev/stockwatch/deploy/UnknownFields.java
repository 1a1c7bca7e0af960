package dev.stockwatch.deploy;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields a Kubernetes model object kept aside because its class has no such property. The
 * Kubernetes model classes collect unknown YAML fields in {@code getAdditionalProperties()} rather
 * than failing, so a misspelt field under {@code podTemplate} would pass unnoticed: this walk
 * finds them, with their path.
 */
final class UnknownFields {
    private UnknownFields() {}

    static List<String> in(Object root) {
        List<String> found = new ArrayList<>();
        walk(root, "", found, new IdentityHashMap<>());
        return found;
    }

    private static void walk(Object o, String path, List<String> found, Map<Object, Boolean> seen) {
        if (o == null || seen.put(o, Boolean.TRUE) != null) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                walk(e, path + "[" + i++ + "]", found, seen);
            }
            return;
        }
        if (o instanceof Object[] a) {
            for (int i = 0; i < a.length; i++) {
                walk(a[i], path + "[" + i + "]", found, seen);
            }
            return;
        }
        String pkg = o.getClass().getPackageName();
        if (!pkg.startsWith("io.fabric8.kubernetes") && !pkg.startsWith("org.apache.flink.kubernetes")) {
            return;
        }
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || !m.getName().startsWith("get")
                    || m.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = m.invoke(o);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            String name = m.getName().substring(3);
            if (name.equals("AdditionalProperties") && value instanceof Map<?, ?> extra) {
                extra.keySet().forEach(k -> found.add(path + "." + k));
            } else {
                walk(value, path + "." + name, found, seen);
            }
        }
    }
}
