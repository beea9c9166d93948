package com.mallsync.stack.load;

import java.time.Duration;

import com.mallsync.stack.Cli;

/** {@code ./run-local load --count=1000 --rate=50}: the demo load, with a summary read back from the outcomes. */
public final class LoadCommand {

    private LoadCommand() {
    }

    public static int run(Cli cli) {
        LoadRun.Spec spec = new LoadRun.Spec(
                cli.get("ingest", "http://127.0.0.1:8080/webhooks/mall/orders"),
                cli.get("bootstrap", "127.0.0.1:9092"),
                cli.getInt("count", 100),
                cli.getDouble("rate", 20),
                Long.parseLong(cli.get("seed", String.valueOf(System.nanoTime()))),
                Duration.ofSeconds(cli.getInt("timeout", 120)),
                cli.getInt("in-flight", 16));
        System.out.printf("sending %d orders at %.1f/s to %s; outcomes from %s%n", spec.count(),
                spec.ratePerSecond(), spec.webhookUrl(), spec.bootstrapServers());
        LoadRun.Result result = LoadRun.run(spec, System.out);
        System.out.print(result.report());
        boolean complete = result.missing().values().stream().allMatch(m -> m == 0)
                && result.accepted().size() == result.orders().size();
        return complete ? 0 : 1;
    }
}
