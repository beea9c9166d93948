package com.mallsync.ops.security;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may do what on the console. VIEWER reads everything; OPERATOR may also replay DLT records. People log in with
 * a form (session cookie), scripts with HTTP basic. Every state change (replay, logout, login) needs the CSRF token
 * (cookie {@code XSRF-TOKEN} sent back as header {@code X-XSRF-TOKEN}, whatever the login) and an origin that is
 * this console ({@link OriginCheck}). Health and the Prometheus scrape stay open, for probes and the scraper.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@Profile("!replay-dlt")
class ConsoleSecurity {

    static final String REALM = "ops-console";
    /** What the page's own script sends with every API call, so an expired session answers 401, not a login popup. */
    static final String XHR_HEADER = "X-Requested-With";

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    SecurityFilterChain console(HttpSecurity http, ConsoleSecurityProperties properties) throws Exception {
        BasicAuthenticationEntryPoint basic = new BasicAuthenticationEntryPoint();
        basic.setRealmName(REALM);
        RequestMatcher scriptCall = request -> request.getRequestURI().startsWith(request.getContextPath() + "/api/")
                || request.getRequestURI().startsWith(request.getContextPath() + "/actuator/");
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus").permitAll()
                        .requestMatchers("/login", "/console.css", "/favicon.ico", "/error").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/dlt/replay").hasRole(ConsoleSecurityProperties.Role.OPERATOR.name())
                        .anyRequest().hasAnyRole(ConsoleSecurityProperties.Role.VIEWER.name(),
                                ConsoleSecurityProperties.Role.OPERATOR.name()))
                .formLogin(form -> form.defaultSuccessUrl("/", false))
                .httpBasic(b -> b.realmName(REALM).authenticationEntryPoint(basic))
                .exceptionHandling(e -> e
                        .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
                                new RequestHeaderRequestMatcher(XHR_HEADER))
                        .defaultAuthenticationEntryPointFor(basic, scriptCall)
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                                request -> true))
                .csrf(csrf -> csrf.spa())
                .addFilterBefore(new OriginCheck(properties.allowedOrigins()), CsrfFilter.class)
                .addFilterAfter(new CsrfCookieFilter(), CsrfFilter.class)
                .headers(h -> h
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
                        .frameOptions(f -> f.deny()));
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService users(ConsoleSecurityProperties properties) {
        if (properties.users().isEmpty()) {
            throw new IllegalStateException("no console users: set at least one, e.g. "
                    + "OPS_SECURITY_USERS_ALICE_PASSWORD='{bcrypt}$2a$10$…' and OPS_SECURITY_USERS_ALICE_ROLES=OPERATOR "
                    + "(see ops-console/README.md)");
        }
        List<UserDetails> users = new ArrayList<>();
        for (Map.Entry<String, ConsoleSecurityProperties.User> e : properties.users().entrySet()) {
            String password = e.getValue().password();
            if (password == null || !password.startsWith("{")) {
                throw new IllegalStateException("ops.security.users." + e.getKey() + ".password must be a "
                        + "{bcrypt}… (or, for a demo, {noop}…) string");
            }
            List<String> roles = new ArrayList<>();
            e.getValue().roles().forEach(r -> roles.add(r.name()));
            if (roles.contains(ConsoleSecurityProperties.Role.OPERATOR.name())
                    && !roles.contains(ConsoleSecurityProperties.Role.VIEWER.name())) {
                roles.add(ConsoleSecurityProperties.Role.VIEWER.name());
            }
            users.add(User.withUsername(e.getKey()).password(password).roles(roles.toArray(String[]::new)).build());
        }
        return new InMemoryUserDetailsManager(users);
    }

    /**
     * Loads the (deferred) CSRF token on every request, so its cookie is there for the page's script from the first
     * page on, also right after login (which replaces the token). As Spring Security's docs do for single-page apps.
     */
    static final class CsrfCookieFilter extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
            if (token != null) {
                token.getToken();
            }
            chain.doFilter(request, response);
        }
    }
}
