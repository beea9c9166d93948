package com.mallsync.stack.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.mallsync.model.Retention;
import com.mallsync.stack.StackLayout;

/**
 * docker-compose.yml's kafka-init creates the same topics as the stack, with the same retention.ms (a shell loop
 * cannot read {@code Retention}, so the numbers are written there and checked here).
 */
class ComposeTopicsTest {

    private static final Pattern SPEC = Pattern.compile("(orders\\.[a-z0-9.-]+)=(\\d+)");

    @Test
    void kafkaInitGivesEachTopicTheRetentionOfRetentionOfTopicsAndSetsItOnExistingTopicsToo() throws IOException {
        Path compose = StackLayout.locate(Path.of("")).repoRoot().resolve("docker-compose.yml");
        String text = Files.readString(compose);
        String init = text.substring(text.indexOf("  kafka-init:"), text.indexOf("  crm-sandbox:"));
        Map<String, Long> specs = new HashMap<>();
        Matcher m = SPEC.matcher(init);
        while (m.find()) {
            specs.put(m.group(1), Long.parseLong(m.group(2)));
        }
        Map<String, Long> planned = new HashMap<>();
        Retention.ofTopics().forEach((topic, kept) -> planned.put(topic, kept.toMillis()));

        assertThat(specs).isEqualTo(planned);
        assertThat(init).contains("--config retention.ms=$$retention")
                .contains("kafka-configs.sh --bootstrap-server kafka:19092 --alter --entity-type topics")
                .contains("--add-config retention.ms=$$retention");
    }
}
