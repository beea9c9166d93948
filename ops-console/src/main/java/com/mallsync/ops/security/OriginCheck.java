package com.mallsync.ops.security;

import java.io.IOException;
import java.net.URI;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a state-changing request that a browser says comes from another site ({@code Sec-Fetch-Site}) or whose
 * {@code Origin} is not this console. The CSRF token alone already stops a cross-site form post; this second check
 * is cheap and catches a token that leaked. Spring Security has no such filter, hence this one. Requests without
 * either header (curl, scripts) pass here and still need the CSRF token.
 */
final class OriginCheck extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(OriginCheck.class);
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final Set<String> allowedOrigins;

    OriginCheck(Iterable<String> allowedOrigins) {
        Set<String> allowed = new HashSet<>();
        allowedOrigins.forEach(o -> allowed.add(o.toLowerCase(Locale.ROOT).replaceAll("/+$", "")));
        this.allowedOrigins = Set.copyOf(allowed);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!SAFE.contains(request.getMethod()) && !trusted(request)) {
            LOG.warn("refused {} {}: Origin {} / Sec-Fetch-Site {} (not this console)", request.getMethod(),
                    request.getRequestURI(), request.getHeader("Origin"), request.getHeader("Sec-Fetch-Site"));
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType("application/json");
            response.getWriter().write("{\"error\":\"cross-site request refused\"}");
            return;
        }
        chain.doFilter(request, response);
    }

    boolean trusted(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return false;
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return true;
        }
        String normalized = origin.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
        if (allowedOrigins.contains(normalized)) {
            return true;
        }
        try {
            String authority = URI.create(normalized).getRawAuthority();
            String host = request.getHeader("Host");
            return authority != null && host != null && authority.equals(host.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false; // "null" and other unparseable origins
        }
    }
}
