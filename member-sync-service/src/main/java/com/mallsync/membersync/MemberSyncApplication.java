package com.mallsync.membersync;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** OrderPaid → batched EZR 2030 uploads → outcomes. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MemberSyncApplication {

    public static void main(String[] args) {
        SpringApplication.run(MemberSyncApplication.class, args);
    }
}
