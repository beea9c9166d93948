package com.mallsync.stack;

/**
 * The local demo's console logins (demo values, never real ones: a real console gets {@code {bcrypt}} passwords
 * from its environment). The stack passes them as {@code ops.security.users.*}, prints them under its table, and
 * {@code ./run-local replay-dlt} logs in as the operator.
 */
public final class ConsoleUsers {

    public static final String VIEWER = "viewer";
    public static final String VIEWER_PASSWORD = "demo-viewer";
    public static final String OPERATOR = "operator";
    public static final String OPERATOR_PASSWORD = "demo-operator";

    private ConsoleUsers() {
    }

    /** One line for the launcher's table. */
    public static String line() {
        return "console logins (demo): " + VIEWER + " / " + VIEWER_PASSWORD + " (VIEWER), " + OPERATOR + " / "
                + OPERATOR_PASSWORD + " (OPERATOR: may replay)" + System.lineSeparator();
    }
}
