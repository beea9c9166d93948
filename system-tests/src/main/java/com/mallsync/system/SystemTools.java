package com.mallsync.system;

import java.util.Arrays;

/**
 * Entry point of the system-tests exec jar: {@code fault-run}, {@code hostile} or {@code bench} (the root scripts
 * {@code ./fault-run}, {@code ./hostile} and {@code ./bench} call it).
 */
public final class SystemTools {

    private SystemTools() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: SystemTools fault-run|hostile|bench [options]");
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            default -> {
                System.err.println("unknown command " + args[0]);
                System.exit(2);
            }
        }
    }
}
