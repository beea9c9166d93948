/**
 * OrderPaid → 2030 order ({@link com.mallsync.membersync.mapping.CrmOrderMapping}) and the 2030 rules checked
 * before anything is sent ({@link com.mallsync.membersync.mapping.CrmOrderRules}): pure functions over records.
 */
package com.mallsync.membersync.mapping;
