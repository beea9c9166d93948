package com.mallsync.membersync;

import java.util.Map;

import com.mallsync.model.event.OrderEvent;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code member-sync.upload-on}: CONFIRMED by default, PAID from the environment, anything else refused at start. */
class UploadOnPropertyTest {

    static MemberSyncProperties bind(Map<String, Object> env) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                "test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env));
        return Binder.get(environment).bindOrCreate("member-sync", MemberSyncProperties.class);
    }

    @Test
    void theSaleUploadsOnConfirmationByDefault() {
        assertThat(bind(Map.of()).trigger()).isEqualTo(OrderEvent.CONFIRMED);
    }

    @Test
    void theEnvironmentMaySayPaidEitherWay() {
        assertThat(bind(Map.of("MEMBER_SYNC_UPLOAD_ON", "PAID")).trigger()).isEqualTo(OrderEvent.PAID);
        assertThat(bind(Map.of("MEMBERSYNC_UPLOADON", "paid")).trigger()).isEqualTo(OrderEvent.PAID);
    }

    @Test
    void anyOtherValueRefusesToStartNamingTheKeyAndTheChoices() {
        assertThatThrownBy(() -> bind(Map.of("MEMBER_SYNC_UPLOAD_ON", "SHIPPED")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("member-sync.upload-on").hasMessageContaining("CONFIRMED or PAID")
                .hasMessageContaining("SHIPPED");
    }
}
