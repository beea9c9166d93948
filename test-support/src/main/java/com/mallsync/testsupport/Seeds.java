package com.mallsync.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The seeds' samples, verbatim (see {@code ../shared/seeds/}). */
public final class Seeds {

    private Seeds() {
    }

    /** The JSON sample of {@code mall-order-push.txt} ("有订单会根据以下json格式推送订单,示例如下"), byte for byte. */
    public static String mallOrderPush() {
        return resource("/seeds/mall-order-push.json");
    }

    private static String resource(String path) {
        try (InputStream in = Seeds.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
