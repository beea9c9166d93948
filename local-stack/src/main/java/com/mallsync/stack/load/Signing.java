package com.mallsync.stack.load;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.mallsync.model.Json;
import com.mallsync.model.mall.SortedMd5Signature;
import tools.jackson.databind.node.ObjectNode;

/** Signs a push body as the mall would ({@code sorted-md5}), keeping the body byte for byte otherwise. */
public final class Signing {

    private static final Pattern APP_SIGN = Pattern.compile("(\"app_sign\"\\s*:\\s*)(\"[^\"]*\"|null)");

    private Signing() {
    }

    /**
     * The body with its {@code app_sign} set to the signature for {@code secret}. An existing {@code app_sign}
     * value is replaced in place (every other byte stays); a body without one gets it added.
     */
    public static String sign(String body, String secret) {
        String signature = SortedMd5Signature.sign(body.getBytes(StandardCharsets.UTF_8), secret);
        Matcher matcher = APP_SIGN.matcher(body);
        if (matcher.find()) {
            return body.substring(0, matcher.start()) + matcher.group(1) + "\"" + signature + "\""
                    + body.substring(matcher.end());
        }
        ObjectNode tree = (ObjectNode) Json.tree(body);
        tree.put(SortedMd5Signature.FIELD, signature);
        return Json.writeString(tree);
    }
}
