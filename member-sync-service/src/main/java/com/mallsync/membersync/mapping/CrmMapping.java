package com.mallsync.membersync.mapping;

/** The result of mapping one order event to 2030: the order to check and send, why there is none, or why none is due. */
public sealed interface CrmMapping permits CrmMapping.Mapped, CrmMapping.Refused, CrmMapping.Nothing {

    /** The 2030 order ({@link CrmOrderRules} still judges it). */
    record Mapped(CrmOrder order) implements CrmMapping {
    }

    /** The mall's money cannot be read as a paid order; {@code reason} names the field and the rule. */
    record Refused(String reason) implements CrmMapping {
    }

    /** By rule there is nothing to send (every line left out, a return of nothing but zero amounts). */
    record Nothing(String reason) implements CrmMapping {
    }
}
