/**
 * Which 2030 order, if any, each event of an order's life makes ({@link com.mallsync.membersync.lifecycle.CrmLifecycle},
 * LIFECYCLE "CRM 2030"): a pure function of the event, the configured trigger and what this target already decided
 * for the order's earlier events (read from the outcome index by derived eventId).
 */
package com.mallsync.membersync.lifecycle;
