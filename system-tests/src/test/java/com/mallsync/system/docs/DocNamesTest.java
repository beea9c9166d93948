package com.mallsync.system.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The checker of {@link DocsBindTest} on planted names, and its binding rule against Spring Boot's own binder. */
class DocNamesTest {

    private final DocNames names = new DocNames(known());

    private static KnownKeys known() {
        KnownKeys known = new KnownKeys();
        known.addKey("member-sync.crm.base-url");
        known.addKey("member-sync.crm.token");
        known.addKey("member-sync.crm.max-concurrent-requests");
        known.addKey("member-sync.shops.<id>.shop-code");
        known.addKey("server.port");
        known.mapPrefixes.add("logging.level");
        known.environmentNames.add("SANDBOX_PORT");
        return known;
    }

    @Test
    void namesThatBindPass() {
        assertThat(names.check("t", "set `MEMBERSYNC_CRM_TOKEN` or `member-sync.crm.token`; `SERVER_PORT`")).isEmpty();
        assertThat(names.check("t", "`MEMBERSYNC_SHOPS_222_SHOPCODE`, `member-sync.shops.222.shop-code`")).isEmpty();
        assertThat(names.check("t", "`member-sync.shops.<mallId>.shop-code`, the group `member-sync.crm`")).isEmpty();
        assertThat(names.check("t", "`logging.level.org.apache.kafka`, LOGGING_LEVEL_ORG_APACHE_KAFKA=warn")).isEmpty();
        assertThat(names.check("t", "`member-sync.crm.base-url`, `.token` (env SANDBOX_PORT)")).isEmpty();
    }

    @Test
    void wordsThatAreNotConfigurationAreLeftAlone() {
        assertThat(names.check("t", "PAUSED_BY_BREAKER, CRM_2030, `orders.paid.v1`, PC_WX, ingest-service/README.md"))
                .isEmpty();
    }

    @Test
    void meterAndTopicNamesGivenAsNotKeysAreLeftAlone() {
        DocNames withNotKeys = new DocNames(known(), Set.of("member-sync.pending", "member-sync.orders."));
        assertThat(withNotKeys.check("t", "`member-sync.pending`, `member-sync.orders.synced`")).isEmpty();
        assertThat(withNotKeys.check("t", "`member-sync.crm.tokn`")).hasSize(1);
    }

    @Test
    void aPlantedWrongVariableIsFound() {
        assertThat(names.check("README.md:7", "| `MEMBERSYNC_BATCH_MAXCONCURRENTREQUESTS` | 4 |"))
                .singleElement().satisfies(p -> {
                    assertThat(p.name()).isEqualTo("MEMBERSYNC_BATCH_MAXCONCURRENTREQUESTS");
                    assertThat(p.where()).isEqualTo("README.md:7");
                });
        assertThat(names.check("t", "SANDBOX_PORTS=1")).hasSize(1);
    }

    @Test
    void theLegacyUnderscoreFormIsReportedWithTheCanonicalName() {
        List<DocNames.Problem> problems = names.check("t", "# set MEMBER_SYNC_CRM_TOKEN in any real deployment");
        assertThat(problems).singleElement().satisfies(p -> assertThat(p.why()).contains("MEMBERSYNC_CRM_TOKEN"));
        assertThat(names.check("t", "MEMBER_SYNC_SHOPS_222_SHOPCODE")).hasSize(1);
    }

    @Test
    void aPlantedWrongKeyAndAWrongContinuationAreFound() {
        assertThat(names.check("t", "`member-sync.batch.max-concurrent-requests`")).hasSize(1);
        assertThat(names.check("t", "`member-sync.crm.base-url`, `.tokn`")).singleElement()
                .satisfies(p -> assertThat(p.name()).contains("member-sync.crm.tokn"));
        assertThat(names.check("t", "`server.prot`")).hasSize(1);
    }

    /** The checker's verdict on each variable equals Spring Boot's, except the legacy form it refuses on purpose. */
    @Test
    void theRuleAgreesWithSpringBootsBinder() {
        record Crm(String token) { }
        record Shop(String shopCode) { }
        record MemberSync(Crm crm, Map<String, Shop> shops) { }
        Map<String, Boolean> bootBinds = Map.of(
                "MEMBERSYNC_CRM_TOKEN", true,
                "MEMBERSYNC_SHOPS_222_SHOPCODE", true,
                "MEMBER_SYNC_SHOPS_222_SHOPCODE", false,
                "MEMBERSYNC_CRM_TOKENS", false,
                "MEMBER_SYNC_CRM_TOKEN", true);
        bootBinds.forEach((env, expected) -> {
            StandardEnvironment environment = new StandardEnvironment();
            environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                    new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                            Map.of(env, "x")));
            ConfigurationPropertySources.attach(environment);
            boolean binds = Binder.get(environment).bind("member-sync", MemberSync.class)
                    .map(m -> m.crm() != null && m.crm().token() != null || m.shops() != null && !m.shops().isEmpty())
                    .orElse(false);
            assertThat(binds).as("Boot binds " + env).isEqualTo(expected);
            boolean legacy = env.startsWith("MEMBER_SYNC");
            assertThat(names.bindsCanonically(env)).as("checker on " + env).isEqualTo(expected && !legacy);
        });
    }
}
