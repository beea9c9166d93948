package com.mallsync.sandbox.erp;

/** Starts the ERP sandbox. */
public final class ErpSandboxMain {

    private ErpSandboxMain() {
    }

    public static void main(String[] args) {
        throw new IllegalStateException("the ERP sandbox is not built yet");
    }
}
