package com.mallsync.ops.security;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may use the console ({@code ops.security.*}).
 *
 * @param users          name → password and roles. The password is a {@code DelegatingPasswordEncoder} string:
 *                       {@code {bcrypt}$2a$10$…} in production (from the environment:
 *                       {@code OPS_SECURITY_USERS_ALICE_PASSWORD}), {@code {noop}…} only for the local demo users
 * @param allowedOrigins origins ({@code https://console.example.com}) besides the request's own host that may send
 *                       state-changing requests: set it when a proxy rewrites the {@code Host} header
 */
@ConfigurationProperties("ops.security")
public record ConsoleSecurityProperties(Map<String, User> users, List<String> allowedOrigins) {

    public ConsoleSecurityProperties {
        users = users == null ? Map.of() : Map.copyOf(users);
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    }

    /**
     * @param password a {@code {id}encoded} password
     * @param roles    {@code VIEWER} (read everything) and/or {@code OPERATOR} (also replay; implies VIEWER)
     */
    public record User(String password, List<Role> roles) {
        public User {
            roles = roles == null || roles.isEmpty() ? List.of(Role.VIEWER) : List.copyOf(roles);
        }
    }

    /** What a user may do. */
    public enum Role {
        /** Reads every page, API and metric. */
        VIEWER,
        /** Also replays DLT records. */
        OPERATOR
    }
}
