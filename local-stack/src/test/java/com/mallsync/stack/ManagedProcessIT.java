package com.mallsync.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mallsync.stack.process.HealthCheck;
import com.mallsync.stack.process.ManagedProcess;

/** The process handles the fault suite drives, on a plain child process (a JDK tool that serves HTTP). */
class ManagedProcessIT {

    @TempDir
    Path dir;

    @Test
    void startsWaitsForHealthFreezesThawsKillsAndRestartsAChild() throws Exception {
        int port = StackPorts.random().ingest();
        Files.writeString(dir.resolve("Serve.java"), SERVER);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // a single-file Java program (JEP 330): a real HTTP child without any of our jars
        List<String> command = List.of(java, dir.resolve("Serve.java").toString(), String.valueOf(port));
        ManagedProcess process = new ManagedProcess("files", command, dir, dir.resolve("logs/files.log"),
                HealthCheck.httpUp("http://127.0.0.1:" + port + "/health"), "http://127.0.0.1:" + port);

        process.start().awaitHealthy(Duration.ofSeconds(60));
        long first = process.pid().orElseThrow();

        process.freeze();
        assertThat(process.isAlive()).isTrue();
        assertThat(process.isHealthy()).as("a frozen process answers nothing").isFalse();
        process.thaw();
        process.awaitHealthy(Duration.ofSeconds(30));

        process.kill();
        assertThat(process.isAlive()).isFalse();
        assertThat(process.exitCode()).contains(137);
        assertThatThrownBy(() -> process.awaitHealthy(Duration.ofSeconds(1))).hasMessageContaining("exited");

        process.start().awaitHealthy(Duration.ofSeconds(60));
        assertThat(process.pid()).isPresent().get().isNotEqualTo(first);
        process.stop();
        assertThat(process.isAlive()).isFalse();
        assertThat(Files.readString(process.logFile())).contains("==== ").contains("starting");
    }

    private static final String SERVER = """
            import com.sun.net.httpserver.HttpServer;
            import java.net.InetSocketAddress;
            public class Serve {
                public static void main(String[] args) throws Exception {
                    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 0);
                    server.createContext("/health", ex -> {
                        byte[] body = "{\\"status\\":\\"UP\\"}".getBytes();
                        ex.sendResponseHeaders(200, body.length);
                        ex.getResponseBody().write(body);
                        ex.close();
                    });
                    server.start();
                    System.out.println("serving on " + args[0]);
                }
            }
            """;
}
