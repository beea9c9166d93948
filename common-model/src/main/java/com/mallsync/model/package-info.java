/**
 * The shared language of mall order sync: topic names, the JSON set-up every service uses,
 * and money helpers. Plain Java: no Spring, no HTTP client, nothing that talks to a network.
 */
package com.mallsync.model;
