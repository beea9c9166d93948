package com.mallsync.membersync.mapping;

/** The result of mapping one order to 2030: the order to check and send, or why there is none. */
public sealed interface CrmMapping permits CrmMapping.Mapped, CrmMapping.Refused {

    /** The 2030 order ({@link CrmOrderRules} still judges it). */
    record Mapped(CrmOrder order) implements CrmMapping {
    }

    /** The mall's money cannot be read as a paid order; {@code reason} names the field and the rule. */
    record Refused(String reason) implements CrmMapping {
    }
}
