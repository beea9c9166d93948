package com.mallsync.model.money;

/** The result of reading an order's money: its {@link OrderMoney}, or why the mall's figures cannot be one. */
public sealed interface MoneyReading permits MoneyReading.Read, MoneyReading.Unreadable {

    /** The figures add up as the mall defines them. */
    record Read(OrderMoney money) implements MoneyReading {
    }

    /**
     * The figures cannot be a paid order (fractions of a cent, a negative price, paid less than the freight).
     *
     * @param reason names the mall field and the rule it breaks
     */
    record Unreadable(String reason) implements MoneyReading {
    }
}
