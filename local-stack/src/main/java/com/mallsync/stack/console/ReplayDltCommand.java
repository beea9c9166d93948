package com.mallsync.stack.console;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;

import com.mallsync.model.Json;
import com.mallsync.stack.Cli;
import com.mallsync.stack.ConsoleUsers;

/**
 * {@code ./run-local replay-dlt (--all | --records=ID,ORDER_KEY,...) [--topic=DLT] [--in-doubt=HOLD|RESEND]
 * [--console=URL] [--user=NAME]}: asks the running console to replay, as an operator (the demo operator unless
 * {@code --user} and {@code OPS_CONSOLE_PASSWORD} say otherwise), and prints its answer.
 */
public final class ReplayDltCommand {

    private ReplayDltCommand() {
    }

    public static int run(Cli cli) {
        boolean all = cli.has("all");
        List<String> records = list(cli.get("records", ""));
        if (all == !records.isEmpty()) {
            System.err.println("replay-dlt: say --all, or name --records=ID,ORDER_KEY,... (not both)");
            return 2;
        }
        String user = cli.get("user", System.getenv().getOrDefault("OPS_CONSOLE_USER", ConsoleUsers.OPERATOR));
        String password = System.getenv().getOrDefault("OPS_CONSOLE_PASSWORD",
                user.equals(ConsoleUsers.OPERATOR) ? ConsoleUsers.OPERATOR_PASSWORD : "");
        String body = "{\"all\":" + all + ",\"records\":" + Json.writeString(records)
                + ",\"topics\":" + Json.writeString(list(cli.get("topic", "")))
                + ",\"inDoubt\":" + Json.writeString(cli.get("in-doubt", "HOLD")) + "}";
        String console = cli.get("console", "http://127.0.0.1:8090");
        HttpResponse<String> response = new ConsoleApi(console, user, password).post("/api/dlt/replay", body);
        System.out.println("POST " + console + "/api/dlt/replay -> HTTP " + response.statusCode());
        System.out.println(response.body());
        return response.statusCode() == 200 && Json.tree(response.body()).get("failed").asInt() == 0 ? 0 : 1;
    }

    private static List<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
