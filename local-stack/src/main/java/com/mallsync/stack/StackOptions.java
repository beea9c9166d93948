package com.mallsync.stack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How to start a {@link LocalStack}. Immutable; build with {@link #builder(StackLayout)}.
 *
 * @param layout      where the jars and the data folder are
 * @param ports       the ports of every component
 * @param components  which components to start (the broker always starts)
 * @param clean       wipe the data folder first
 * @param jvmOptions  options for every Spring Boot child JVM (heap, JIT); the broker has its own
 * @param extraArgs   more {@code --key=value} arguments for one component (override the stack's defaults)
 * @param startupWait how long each component may take to become healthy
 * @param brokers     1 (one broker, topics with replication factor 1) or 3 (a KRaft cluster of three, replication
 *                    factor 3, {@code min.insync.replicas} 2)
 */
public record StackOptions(StackLayout layout, StackPorts ports, Set<Component> components, boolean clean,
                           List<String> jvmOptions, Map<Component, List<String>> extraArgs, Duration startupWait,
                           int brokers) {

    /**
     * Small heaps and the C1 compiler only: six JVMs start on two cores in well under a minute, and C1 code is
     * plenty for demo loads.
     */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Djava.awt.headless=true");

    public StackOptions {
        if (brokers != 1 && brokers != StackPorts.MAX_BROKERS) {
            throw new IllegalArgumentException("brokers must be 1 or " + StackPorts.MAX_BROKERS + ", not " + brokers);
        }
        components = components.isEmpty() ? EnumSet.noneOf(Component.class) : EnumSet.copyOf(components);
        components.add(Component.KAFKA);
        jvmOptions = List.copyOf(jvmOptions);
        Map<Component, List<String>> copy = new EnumMap<>(Component.class);
        extraArgs.forEach((c, args) -> copy.put(c, List.copyOf(args)));
        extraArgs = Map.copyOf(copy);
    }

    public static Builder builder(StackLayout layout) {
        return new Builder(layout);
    }

    public List<String> extraArgs(Component component) {
        return extraArgs.getOrDefault(component, List.of());
    }

    /** Fluent builder with the defaults: every component, documented ports, keep data. */
    public static final class Builder {
        private final StackLayout layout;
        private StackPorts ports = StackPorts.defaults();
        private Set<Component> components = EnumSet.allOf(Component.class);
        private boolean clean;
        private List<String> jvmOptions = DEFAULT_JVM_OPTIONS;
        private final Map<Component, List<String>> extraArgs = new EnumMap<>(Component.class);
        private Duration startupWait = Duration.ofMinutes(3);
        private int brokers = 1;

        private Builder(StackLayout layout) {
            this.layout = layout;
        }

        public Builder ports(StackPorts value) {
            this.ports = value;
            return this;
        }

        public Builder components(Set<Component> value) {
            this.components = EnumSet.copyOf(value);
            return this;
        }

        public Builder without(Component component) {
            Set<Component> copy = EnumSet.copyOf(components);
            copy.remove(component);
            this.components = copy;
            return this;
        }

        public Builder clean(boolean value) {
            this.clean = value;
            return this;
        }

        public Builder jvmOptions(List<String> value) {
            this.jvmOptions = value;
            return this;
        }

        /** Adds {@code --key=value} style arguments for one component, after the stack's own. */
        public Builder extraArgs(Component component, String... args) {
            extraArgs.computeIfAbsent(component, c -> new ArrayList<>()).addAll(List.of(args));
            return this;
        }

        public Builder startupWait(Duration value) {
            this.startupWait = value;
            return this;
        }

        /** 1 (the default) or 3 brokers. */
        public Builder brokers(int value) {
            this.brokers = value;
            return this;
        }

        public StackOptions build() {
            return new StackOptions(layout, ports, components, clean, jvmOptions, extraArgs, startupWait, brokers);
        }
    }
}
