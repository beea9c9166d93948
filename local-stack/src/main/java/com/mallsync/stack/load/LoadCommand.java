package com.mallsync.stack.load;

import java.time.Duration;

import com.mallsync.model.event.OrderEvent;
import com.mallsync.stack.Cli;
import com.mallsync.stack.lifecycle.LifecycleMix;

/**
 * {@code ./run-local load --count=1000 --rate=50 [--confirm=0.8 --cancel=0.05 --refund-lines=0.05] [--later=1000]
 * [--crm-upload-on=CONFIRMED]}: the demo load, each order's later pushes with a lifecycle mix (shares; 0 by default:
 * paid pushes only), and a summary per event and target read back from the outcomes. Exit 0 when every push was
 * accepted and every event has exactly the outcome the lifecycle rules require at each target.
 */
public final class LoadCommand {

    private LoadCommand() {
    }

    public static int run(Cli cli) {
        LifecycleMix mix = new LifecycleMix(cli.getDouble("confirm", 0), cli.getDouble("cancel", 0),
                cli.getDouble("refund-lines", 0));
        LoadRun.Spec spec = new LoadRun.Spec(
                cli.get("ingest", "http://127.0.0.1:8080/webhooks/mall/orders"),
                cli.get("bootstrap", "127.0.0.1:9092"),
                cli.getInt("count", 100),
                cli.getDouble("rate", 20),
                Long.parseLong(cli.get("seed", String.valueOf(System.nanoTime()))),
                Duration.ofSeconds(cli.getInt("timeout", 120)),
                cli.getInt("in-flight", 16),
                mix,
                Duration.ofMillis(cli.getInt("later", 1000)),
                OrderEvent.valueOf(cli.get("crm-upload-on", "CONFIRMED")));
        System.out.printf("sending %d orders at %.1f/s to %s (lifecycle: %s); outcomes from %s%n", spec.count(),
                spec.ratePerSecond(), spec.webhookUrl(), mix.none() ? "paid only" : mix, spec.bootstrapServers());
        LoadResult result = LoadRun.run(spec, System.out);
        System.out.print(result.report());
        return result.allDecidedOnce() ? 0 : 1;
    }
}
