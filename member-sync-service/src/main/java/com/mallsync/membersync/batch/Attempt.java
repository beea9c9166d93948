package com.mallsync.membersync.batch;

import com.mallsync.membersync.crm.CrmReply;

/** What one 2030 request came to once {@link BatchSender} stopped calling: an answer of the CRM, or given up. */
sealed interface Attempt {

    /** The CRM stored every order of the request. */
    record Accepted(CrmReply reply) implements Attempt {
    }

    /** The CRM already has some of the Codes: named in the reply, or not. */
    record Duplicate(CrmReply reply) implements Attempt {
    }

    /** The CRM refused the request for a business reason (one order of it, at least). */
    record Refused(CrmReply reply) implements Attempt {
    }

    /** Transient failures past an order's budget while the CRM answered other requests. */
    record GaveUp(String reason) implements Attempt {
    }

    /** A usable reply envelope, by what it says. */
    static Attempt of(CrmReply reply) {
        return reply.status() ? new Accepted(reply) : reply.duplicate() ? new Duplicate(reply) : new Refused(reply);
    }

}
