/**
 * The EZR CRM's 2030 API as member-sync calls it: form body, SHA1 signature, reply envelope
 * ({@link com.mallsync.membersync.crm.CrmClient}).
 */
package com.mallsync.membersync.crm;
