package com.mallsync.erpsync;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** OrderPaid → one TradeTransferToErp call each → outcomes. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ErpSyncApplication {

    public static void main(String[] args) {
        SpringApplication.run(ErpSyncApplication.class, args);
    }
}
