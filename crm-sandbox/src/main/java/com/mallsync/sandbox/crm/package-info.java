/**
 * The CRM 2030 sandbox: {@link com.mallsync.sandbox.crm.CrmSandbox} (in-process handle) and
 * {@link com.mallsync.sandbox.crm.CrmSandboxMain} (command line). Business endpoint {@code /api/morder/thirdOrdAdd},
 * admin API under {@code /sandbox/}.
 */
package com.mallsync.sandbox.crm;
