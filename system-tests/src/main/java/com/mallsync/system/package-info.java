/**
 * Proof that the whole system holds under faults, hostile input and load: the fault run, the hostile-input suite
 * and the system benchmark, as plain Java over the real services started as separate processes.
 */
package com.mallsync.system;
