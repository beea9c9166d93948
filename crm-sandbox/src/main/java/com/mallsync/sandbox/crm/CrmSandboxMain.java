package com.mallsync.sandbox.crm;

/** Starts the CRM 2030 sandbox. */
public final class CrmSandboxMain {

    private CrmSandboxMain() {
    }

    public static void main(String[] args) {
        throw new IllegalStateException("the CRM sandbox is not built yet");
    }
}
