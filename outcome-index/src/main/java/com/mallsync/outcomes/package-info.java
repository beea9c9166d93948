/**
 * Which orders already have a terminal outcome published for a target ({@link com.mallsync.outcomes.OutcomeIndex}):
 * lets a consumer service recognise a record redelivered after a crash and publish no second outcome for it.
 */
package com.mallsync.outcomes;
