package com.mallsync.system.hostile;

/**
 * One bad request: a body posted as {@code application/json} to the ingest endpoint.
 *
 * @param what a short description for the report
 */
public record HostileCase(Category category, String what, byte[] body) {

    @Override
    public String toString() {
        return category + ": " + what + " (" + body.length + " bytes)";
    }
}
