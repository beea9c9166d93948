package com.mallsync.ingest.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import com.mallsync.ingest.IngestProperties;
import com.mallsync.ingest.Pushes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

@ExtendWith(OutputCaptureExtension.class)
class SignatureConfigTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(IngestProperties.class)
    static class Props {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Props.class, SignatureConfig.class);

    @Test
    void sortedMd5IsTheDefaultAndVerifiesWithTheMallsSecret() {
        runner.withPropertyValues("ingest.malls.222.secret=" + Pushes.SECRET).run(context -> {
            SignatureScheme scheme = context.getBean(SignatureScheme.class);
            assertThat(scheme).isInstanceOf(SortedMd5Scheme.class);
            byte[] body = Pushes.signedSeed(Pushes.SECRET).getBytes(StandardCharsets.UTF_8);
            String sign = com.mallsync.model.Json.tree(new String(body, StandardCharsets.UTF_8)).get("app_sign")
                    .asString();
            MallCredentials credentials = new MallCredentials(null, Pushes.SECRET);
            assertThat(scheme.verify(body, sign, credentials)).isTrue();
            assertThat(scheme.verify(body, sign.toUpperCase(), credentials)).isTrue();
            assertThat(scheme.verify(body, sign, new MallCredentials(null, "other"))).isFalse();
            assertThat(scheme.verify(body, null, credentials)).isFalse();
            assertThat(scheme.verify(body, "", credentials)).isFalse();
        });
    }

    @Test
    void noneMustBeChosenExplicitlyAndIsWarnedAboutAtStartUp(CapturedOutput output) {
        runner.withPropertyValues("ingest.signature.scheme=none", "ingest.malls.222.app-key=k").run(context -> {
            assertThat(context.getBean(SignatureScheme.class)).isInstanceOf(NoSignatureScheme.class);
            assertThat(output).contains("WARN").contains("ingest.signature.scheme=none");
        });
    }

    @Test
    void sortedMd5RefusesToStartWithAMallWithoutSecret() {
        runner.withPropertyValues("ingest.malls.222.app-key=k").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("ingest.malls.[222].secret is required"));
    }

    @Test
    void credentialsBindFromEnvironmentVariables() {
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                java.util.Map.of("INGEST_MALLS_222_SECRET", "s3cret-env",
                                        "INGEST_MALLS_222_APPKEY", "key-from-env",
                                        "INGEST_SIGNATURE_SCHEME", "sorted-md5"))))
                .run(context -> {
                    IngestProperties properties = context.getBean(IngestProperties.class);
                    assertThat(properties.malls().get(222L)).isEqualTo(new MallCredentials("key-from-env", "s3cret-env"));
                    assertThat(properties.malls().get(222L).toString()).doesNotContain("s3cret-env");
                });
    }

}
