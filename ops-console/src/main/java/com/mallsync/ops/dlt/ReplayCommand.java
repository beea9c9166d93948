package com.mallsync.ops.dlt;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar ops-console.jar replay-dlt [--topic=orders.paid.v1.erp-sync.dlt] [--records=id,key,...]
 * --spring.kafka.bootstrap-servers=...}: one replay, printed, then exit (0 on success).
 */
@Component
@Profile(ReplayCommand.NAME)
public class ReplayCommand implements ApplicationRunner, ExitCodeGenerator {

    public static final String NAME = "replay-dlt";

    private final DltReplayer replayer;
    private int exitCode = 1;

    ReplayCommand(DltReplayer replayer) {
        this.replayer = replayer;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> topics = values(args, "topic");
        Set<String> ids = values(args, "records").stream().collect(Collectors.toSet());
        ReplayResult result = replayer.replay(topics, ids);
        System.out.println("replayed " + result.replayed() + " record(s) to orders.paid.v1: " + result.perTopic());
        result.ids().forEach(id -> System.out.println("  " + id));
        exitCode = 0;
    }

    private static List<String> values(ApplicationArguments args, String name) {
        List<String> raw = args.getOptionValues(name);
        return raw == null ? List.of() : raw.stream().flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
