package com.mallsync.stack.load;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.mallsync.stack.Cli;
import com.mallsync.stack.DemoMall;

/** {@code send-seed}: the seed's sample push, signed for mall 222, posted to ingest; {@code sign}: sign stdin. */
public final class SeedCommand {

    private SeedCommand() {
    }

    /** The seed's sample exactly as in the seed, but with a valid demo signature for mall 222. */
    public static String signedSeed() {
        return Signing.sign(DemoOrderGenerator.template(), DemoMall.byId(222).orElseThrow().secret());
    }

    public static int run(Cli cli) throws IOException, InterruptedException {
        String url = cli.get("ingest", "http://127.0.0.1:8080/webhooks/mall/orders");
        HttpResponse<String> response = Http.postJson(url, signedSeed());
        System.out.println("POST " + url + " -> HTTP " + response.statusCode());
        System.out.println(response.body());
        return response.statusCode() == 200 ? 0 : 1;
    }

    public static int sign(Cli cli) throws IOException {
        long mallId = Long.parseLong(cli.get("mall", "222"));
        DemoMall mall = DemoMall.byId(mallId).orElseThrow(() -> new IllegalArgumentException("no demo mall " + mallId));
        String body = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        System.out.print(Signing.sign(body, cli.get("secret", mall.secret())));
        return 0;
    }
}
