package com.mallsync.ingest.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.mallsync.ingest.IngestProperties;
import com.mallsync.ingest.Pushes;
import com.mallsync.model.Json;
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

    private static SignedPush seedPush(String secret) {
        byte[] body = Pushes.signedSeed(secret).getBytes(StandardCharsets.UTF_8);
        return new SignedPush(body, Json.tree(new String(body, StandardCharsets.UTF_8)).get("app_sign").asString(),
                null, null);
    }

    @Test
    void sortedMd5IsTheDefaultAndVerifiesWithTheMallsSecret() {
        runner.withPropertyValues("ingest.malls.222.secret=" + Pushes.SECRET).run(context -> {
            MallAuthenticator authenticator = context.getBean(MallAuthenticator.class);
            SignedPush push = seedPush(Pushes.SECRET);
            assertThat(authenticator.verify(222, push)).isEqualTo(Verdict.VERIFIED);
            assertThat(authenticator.verify(222, new SignedPush(push.body(), push.appSign().toUpperCase(), null,
                    null))).isEqualTo(Verdict.VERIFIED);
            assertThat(authenticator.verify(222, seedPush("other"))).isEqualTo(Verdict.BAD_SIGNATURE);
            assertThat(authenticator.verify(222, new SignedPush(push.body(), null, null, null)))
                    .isEqualTo(Verdict.BAD_SIGNATURE);
            assertThat(authenticator.verify(222, new SignedPush(push.body(), "", null, null)))
                    .isEqualTo(Verdict.BAD_SIGNATURE);
            assertThat(authenticator.verify(999, push)).isEqualTo(Verdict.UNKNOWN_MALL);
        });
    }

    @Test
    void eachMallHasItsOwnSchemeFallingBackToTheDefault() {
        runner.withPropertyValues("ingest.malls.222.secret=" + Pushes.SECRET, "ingest.malls.333.secret=h",
                "ingest.malls.333.scheme=hmac-sha256").run(context -> {
                    MallAuthenticator authenticator = context.getBean(MallAuthenticator.class);
                    IngestProperties properties = context.getBean(IngestProperties.class);
                    assertThat(authenticator.schemeOf(properties.malls().get(222L)))
                            .isEqualTo(SignatureSchemeName.SORTED_MD5);
                    assertThat(authenticator.schemeOf(properties.malls().get(333L)))
                            .isEqualTo(SignatureSchemeName.HMAC_SHA256);
                    // a sorted-md5 app_sign made with mall 333's secret does not pass its hmac-sha256 scheme
                    assertThat(authenticator.verify(333, seedPush("h"))).isEqualTo(Verdict.BAD_SIGNATURE);
                });
    }

    @Test
    void noneWithoutTheSecondSwitchRefusesToStart() {
        runner.withPropertyValues("ingest.signature.scheme=none", "ingest.malls.222.app-key=k").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("ingest.signature.allow-unsigned=true")
                        .hasMessageContaining("INGEST_SIGNATURE_ALLOWUNSIGNED"));
        runner.withPropertyValues("ingest.malls.222.secret=s", "ingest.malls.444.scheme=none").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("unsigned malls [444]"));
    }

    @Test
    void noneWithTheSecondSwitchStartsWithAWarning(CapturedOutput output) {
        runner.withPropertyValues("ingest.signature.scheme=none", "ingest.signature.allow-unsigned=true",
                "ingest.malls.222.app-key=k").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(MallAuthenticator.class).verify(222,
                            new SignedPush("{}".getBytes(StandardCharsets.UTF_8), null, null, null)))
                            .isEqualTo(Verdict.VERIFIED);
                    assertThat(output).contains("WARN").contains("NOT authenticated");
                });
    }

    @Test
    void aSigningSchemeRefusesToStartWithAMallWithoutSecret() {
        runner.withPropertyValues("ingest.malls.222.app-key=k").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("ingest.malls.[222].secret is required"));
        runner.withPropertyValues("ingest.malls.222.scheme=hmac-sha256").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("ingest.malls.[222].secret is required"));
    }

    @Test
    void credentialsAndSchemesBindFromEnvironmentVariables() {
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                Map.of("INGEST_MALLS_222_SECRET", "s3cret-env",
                                        "INGEST_MALLS_222_APPKEY", "key-from-env",
                                        "INGEST_MALLS_222_SCHEME", "hmac-sha256",
                                        "INGEST_SIGNATURE_SCHEME", "sorted-md5",
                                        "INGEST_SIGNATURE_TOLERANCE", "90s"))))
                .run(context -> {
                    IngestProperties properties = context.getBean(IngestProperties.class);
                    assertThat(properties.malls().get(222L)).isEqualTo(
                            new MallCredentials("key-from-env", "s3cret-env", SignatureSchemeName.HMAC_SHA256));
                    assertThat(properties.malls().get(222L).toString()).doesNotContain("s3cret-env");
                    assertThat(properties.signature().tolerance()).hasSeconds(90);
                });
    }
}
