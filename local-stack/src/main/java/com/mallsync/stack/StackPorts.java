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
 */
public record StackPorts(int kafka, int kafkaController, int ingest, int memberSync, int erpSync, int opsConsole,
                         int crmSandbox, int erpSandbox) {

    public static StackPorts defaults() {
        return new StackPorts(9092, 9093, 8080, 8081, 8082, 8090, 8091, 8092);
    }

    /** The defaults shifted by {@code offset}, for a second stack on the same machine. */
    public StackPorts plus(int offset) {
        return new StackPorts(kafka + offset, kafkaController + offset, ingest + offset, memberSync + offset,
                erpSync + offset, opsConsole + offset, crmSandbox + offset, erpSandbox + offset);
    }

    /** Eight ports that were free a moment ago. */
    public static StackPorts random() {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            int[] p = sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
            return new StackPorts(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]);
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
        List<Integer> busy = new ArrayList<>();
        for (int port : new int[] {kafka, kafkaController, ingest, memberSync, erpSync, opsConsole, crmSandbox,
                erpSandbox}) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                busy.add(port);
            }
        }
        return busy;
    }
}
