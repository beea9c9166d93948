/** The HTTP client of the ERP's TradeTransferToErp endpoint and the classification of its replies. */
package com.mallsync.erpsync.client;
