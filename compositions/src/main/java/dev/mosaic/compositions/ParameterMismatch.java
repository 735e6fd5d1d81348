package dev.mosaic.compositions;

import java.util.regex.Pattern;

/**
 * How a path value that misses its pattern is reported, the same at the edge and in the composer: a
 * 400 problem of type {@code invalid-<kebab-name>} ({@code userId} → {@code invalid-user-id}, as the
 * dashboard has answered since before compositions) saying {@code userId must match ^…$}.
 */
public final class ParameterMismatch {

    private ParameterMismatch() {
    }

    /** The problem type's last segment for variable {@code name}: {@code invalid-user-id}. */
    public static String problemType(String name) {
        StringBuilder out = new StringBuilder(name.length() + 12).append("invalid-");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                out.append('-').append(Character.toLowerCase(c));
            } else {
                out.append(c == '_' ? '-' : c);
            }
        }
        return out.toString();
    }

    /** The problem's detail: {@code userId must match ^[A-Za-z0-9_-]{1,64}$} (the pattern anchored, as applied). */
    public static String detail(String name, Pattern pattern) {
        String p = pattern.pattern();
        return name + " must match " + (p.startsWith("^") ? "" : "^") + p + (p.endsWith("$") ? "" : "$");
    }
}
