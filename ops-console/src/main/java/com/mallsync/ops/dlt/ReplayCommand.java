package com.mallsync.ops.dlt;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar ops-console.jar replay-dlt (--all | --records=id,key,...) [--topic=orders.paid.v1.erp-sync.dlt]
 * [--in-doubt=HOLD|RESEND] --spring.kafka.bootstrap-servers=...}: one replay straight through Kafka (for when the
 * console is down; it needs the Kafka credentials, which are worth more than a console login), printed, then exit:
 * 0 when every send was acknowledged, 1 when one failed, 2 for a bad command line.
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
        ReplayRequest request;
        try {
            request = new ReplayRequest(args.containsOption("all"), values(args, "topic"),
                    Set.copyOf(values(args, "records")), first(args, "in-doubt"));
        } catch (IllegalArgumentException e) {
            System.err.println("replay-dlt: " + e.getMessage()
                    + "\nusage: replay-dlt (--all | --records=ID,ORDER_KEY,...) [--topic=DLT] [--in-doubt=HOLD|RESEND]");
            exitCode = 2;
            return;
        }
        ReplayResult result = replayer.replay(request);
        System.out.println("replayed " + result.replayed() + " record(s) to orders.paid.v1: " + result.perTopic()
                + "; failed " + result.failed() + "; skipped " + result.skipped() + "; in doubt " + result.inDoubt());
        result.ids().forEach(id -> System.out.println("  " + id));
        result.failures().forEach((id, error) -> System.out.println("  FAILED " + id + ": " + error));
        exitCode = result.failed() == 0 ? 0 : 1;
    }

    private static String first(ApplicationArguments args, String name) {
        List<String> raw = args.getOptionValues(name);
        return raw == null || raw.isEmpty() ? null : raw.get(0);
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
