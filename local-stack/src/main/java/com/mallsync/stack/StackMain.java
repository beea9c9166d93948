package com.mallsync.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import com.mallsync.stack.console.ReplayDltCommand;
import com.mallsync.stack.load.LoadCommand;
import com.mallsync.stack.load.OutcomesCommand;
import com.mallsync.stack.load.SeedCommand;

/**
 * The launcher's command line ({@code ./run-local [command] [options]}):
 *
 * <ul>
 *   <li>{@code up} (default): start the stack, print the table, run until Ctrl-C.
 *       {@code --clean} wipes {@code .local/} first; {@code --port-offset=N} shifts every port;
 *       {@code --without=ops-console,...} leaves components out; {@code --brokers=3} runs a three-broker
 *       cluster.</li>
 *   <li>{@code send-seed}: sign the seed's sample with mall 222's demo secret and post it.</li>
 *   <li>{@code load --count=N --rate=R}: send N generated orders and summarise their outcomes.</li>
 *   <li>{@code sign}: read a push body on stdin, print it signed (for curl).</li>
 *   <li>{@code outcomes}: print {@code orders.outcomes.v1} ({@code --key=222:ORDERNO} for one order).</li>
 * </ul>
 */
public final class StackMain {

    private StackMain() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length > 0 && !args[0].startsWith("--") ? args[0] : "up";
        List<String> options = Arrays.stream(args).filter(a -> a.startsWith("--")).toList();
        Cli cli = new Cli(options);
        int exit = switch (command) {
            case "up" -> up(cli);
            case "send-seed" -> SeedCommand.run(cli);
            case "load" -> LoadCommand.run(cli);
            case "sign" -> SeedCommand.sign(cli);
            case "outcomes" -> OutcomesCommand.run(cli);
            case "replay-dlt" -> ReplayDltCommand.run(cli);
            case "help", "--help" -> help();
            default -> {
                System.err.println("unknown command: " + command);
                yield help() + 2;
            }
        };
        System.exit(exit);
    }

    private static int up(Cli cli) throws InterruptedException {
        StackLayout layout = StackLayout.locate(Path.of(cli.get("root", ".")));
        if (cli.has("data")) {
            layout = layout.withDataDir(Path.of(cli.get("data", ".local")));
        }
        StackOptions.Builder builder = StackOptions.builder(layout)
                .ports(StackPorts.defaults().plus(cli.getInt("port-offset", 0)))
                .clean(cli.has("clean"))
                .brokers(cli.getInt("brokers", 1));
        if (cli.has("startup-wait")) {
            // a heavily loaded machine can take longer than the default 3 minutes to start a Spring service
            builder.startupWait(Duration.ofSeconds(cli.getInt("startup-wait", 180)));
        }
        for (String name : cli.get("without", "").split(",")) {
            Arrays.stream(Component.values()).filter(c -> c.shortName().equals(name.trim()))
                    .forEach(builder::without);
        }
        long started = System.nanoTime();
        System.out.println("starting the local stack (data in " + layout.dataDir() + ") ...");
        LocalStack stack = LocalStack.start(builder.build());
        System.out.printf("%nall healthy after %d s%n%n%s%n", (System.nanoTime() - started) / 1_000_000_000,
                stack.table());
        System.out.println("webhook:   POST " + stack.webhookUrl());
        System.out.println("console:   " + stack.url(Component.OPS_CONSOLE) + "/");
        String where = cli.has("port-offset") ? " --ingest=" + stack.webhookUrl() + " --bootstrap="
                + stack.bootstrapServers() : "";
        System.out.println("try:       ./run-local send-seed" + (where.isEmpty() ? "" : " --ingest=" + stack.webhookUrl()));
        System.out.println("           ./run-local load --count=1000 --rate=50" + where);
        System.out.println("           ./run-local replay-dlt --all" + (cli.has("port-offset") ? " --console="
                + stack.url(Component.OPS_CONSOLE) : ""));
        System.out.println("Ctrl-C stops everything.");
        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping the local stack ...");
            stack.close();
            forever.countDown();
        }, "local-stack-ctrl-c"));
        forever.await();
        return 0;
    }

    private static int help() {
        System.out.println("""
                usage: ./run-local [command] [options]
                  up (default)    start broker, sandboxes, services, console; Ctrl-C stops all
                                  --clean  --port-offset=N  --without=ops-console,...  --data=DIR
                                  --brokers=3 (three-broker KRaft cluster, replication 3, min ISR 2; default 1)
                                  --startup-wait=SECONDS (default 180, per component)
                  send-seed       post the seed's sample order, signed (--ingest=URL); later in its life:
                                  [--confirm] [--cancel] [--refund-line=496877] [--order-no=N]
                  load            --count=N --rate=PER_SECOND [--bootstrap=HOST:PORT] [--ingest=URL]
                                  [--seed=N] [--timeout=SECONDS]
                                  lifecycle mix (shares): [--confirm=0.8 --cancel=0.05 --refund-lines=0.05]
                                  [--later=MS between an order's pushes] [--crm-upload-on=CONFIRMED|PAID]
                  sign            sign a push body read on stdin (--mall=222), print it
                  outcomes        print orders.outcomes.v1 [--key=222:ORDERNO] [--bootstrap=HOST:PORT]
                  replay-dlt      ask the console to re-publish DLT records to orders.paid.v1, as its operator:
                                  --all | --records=ID,ORDER_KEY,...  [--topic=DLT] [--in-doubt=HOLD|RESEND]
                                  [--console=URL] [--user=NAME] (password: $OPS_CONSOLE_PASSWORD)
                """);
        return 0;
    }
}
