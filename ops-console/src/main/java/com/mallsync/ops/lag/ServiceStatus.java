package com.mallsync.ops.lag;

import java.util.Map;

/**
 * What a service's actuator said.
 *
 * @param service  its name
 * @param url      where it was asked
 * @param reachable whether it answered at all
 * @param health   the {@code /actuator/health} status (UP, DOWN, ...) or {@code UNREACHABLE}
 * @param breakers breaker name → state (CLOSED, OPEN, HALF_OPEN, FORCED_OPEN, DISABLED, ...)
 * @param error    why it could not be asked, when not reachable
 */
public record ServiceStatus(String service, String url, boolean reachable, String health,
                            Map<String, String> breakers, String error) {

    public ServiceStatus {
        breakers = breakers == null ? Map.of() : Map.copyOf(breakers);
    }

    /** A breaker that stops calls: consumption is paused on purpose. */
    public boolean anyBreakerOpen() {
        return breakers.values().stream().anyMatch(ServiceStatus::blocks);
    }

    static boolean blocks(String state) {
        return "OPEN".equals(state) || "FORCED_OPEN".equals(state) || "HALF_OPEN".equals(state);
    }
}
