/**
 * The one money model both targets map from: what the buyer paid per line, read from the mall's money fields as
 * {@code MALL-FIELDS.md} defines them ({@link com.mallsync.model.money.OrderMoney}). Plain Java, no Spring, no I/O.
 * Each target decides what it cannot carry; this package only says what the mall's figures mean.
 */
package com.mallsync.model.money;
