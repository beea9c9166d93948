package com.mallsync.stack.load;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.mallsync.model.Json;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.stack.Cli;

/**
 * {@code ./run-local outcomes [--key=222:ORDERNO] [--wait=5]}: prints {@code orders.outcomes.v1} from the beginning
 * (one JSON per line), optionally for one order key.
 */
public final class OutcomesCommand {

    private OutcomesCommand() {
    }

    public static int run(Cli cli) throws InterruptedException {
        String key = cli.get("key", null);
        try (OutcomeCollector collector = OutcomeCollector.fromBeginning(cli.get("bootstrap", "127.0.0.1:9092"))) {
            Thread.sleep(Duration.ofSeconds(cli.getInt("wait", 5)).toMillis()); // a reading window, then print
            Map<String, List<SyncOutcome>> all = collector.all();
            all.entrySet().stream().filter(e -> key == null || e.getKey().equals(key))
                    .flatMap(e -> e.getValue().stream())
                    .sorted(Comparator.comparing(SyncOutcome::at))
                    .forEach(o -> System.out.println(Json.writeString(o)));
        }
        return 0;
    }
}
