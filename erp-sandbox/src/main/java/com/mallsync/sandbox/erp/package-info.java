/**
 * A faithful stand-in for the Yihua ERP's TradeTransferToErp API ({@link com.mallsync.sandbox.erp.ErpSandbox}):
 * parameter, token, XML and sum checks, one creation per accepted call (so a double creation shows), and faults
 * switchable at run time through {@code /sandbox/faults}.
 */
package com.mallsync.sandbox.erp;
