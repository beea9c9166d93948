package com.mallsync.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * The ports of one stack. {@link #defaults()} are the system's documented ports; {@link #random()} picks free ones,
 * so a test's stack never collides with a developer's running one.
 *
 * @param moreKafka brokers 2 and 3 of a three-broker stack: client port, controller port, client port, controller
 *                  port (9094–9097 by default); broker 1 has {@code kafka} and {@code kafkaController}
 */
public record StackPorts(int kafka, int kafkaController, int ingest, int memberSync, int erpSync, int opsConsole,
                         int crmSandbox, int erpSandbox, List<Integer> moreKafka) {

    /** The most brokers a stack runs. */
    public static final int MAX_BROKERS = 3;

    public StackPorts {
        moreKafka = List.copyOf(moreKafka);
    }

    public static StackPorts defaults() {
        return new StackPorts(9092, 9093, 8080, 8081, 8082, 8090, 8091, 8092, List.of(9094, 9095, 9096, 9097));
    }

    /** The defaults shifted by {@code offset}, for a second stack on the same machine. */
    public StackPorts plus(int offset) {
        return new StackPorts(kafka + offset, kafkaController + offset, ingest + offset, memberSync + offset,
                erpSync + offset, opsConsole + offset, crmSandbox + offset, erpSandbox + offset,
                moreKafka.stream().map(p -> p + offset).toList());
    }

    /** Broker {@code node}'s client port and controller port (node 1, 2 or 3). */
    public int[] broker(int node) {
        if (node < 1 || node > MAX_BROKERS) {
            throw new IllegalArgumentException("no broker " + node + " (1.." + MAX_BROKERS + ")");
        }
        return node == 1 ? new int[] {kafka, kafkaController}
                : new int[] {moreKafka.get(2 * (node - 2)), moreKafka.get(2 * (node - 2) + 1)};
    }

    /** Twelve ports that were free a moment ago. */
    public static StackPorts random() {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            int[] p = sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
            return new StackPorts(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], List.of(p[8], p[9], p[10], p[11]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            sockets.forEach(s -> {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing a probe socket
                }
            });
        }
    }

    /** One port that was free a moment ago (for a second instance of a component). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int of(Component component) {
        return switch (component) {
            case KAFKA -> kafka;
            case CRM_SANDBOX -> crmSandbox;
            case ERP_SANDBOX -> erpSandbox;
            case INGEST -> ingest;
            case MEMBER_SYNC -> memberSync;
            case ERP_SYNC -> erpSync;
            case OPS_CONSOLE -> opsConsole;
        };
    }

    /** The ports that are taken right now (by anything), to fail early with a clear message. */
    public List<Integer> busy() {
        return busy(1);
    }

    /** The same for a stack of {@code brokers} brokers. */
    public List<Integer> busy(int brokers) {
        List<Integer> ports = new ArrayList<>(List.of(kafka, kafkaController, ingest, memberSync, erpSync, opsConsole,
                crmSandbox, erpSandbox));
        ports.addAll(moreKafka.subList(0, 2 * (brokers - 1)));
        List<Integer> busy = new ArrayList<>();
        for (int port : ports) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                busy.add(port);
            }
        }
        return busy;
    }
}
