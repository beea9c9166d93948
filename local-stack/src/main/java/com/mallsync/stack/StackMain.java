package com.mallsync.stack;

/** Runs the whole system locally. */
public final class StackMain {

    private StackMain() {
    }

    public static void main(String[] args) {
        throw new IllegalStateException("the local stack is not built yet");
    }
}
