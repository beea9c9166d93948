package com.mallsync.ops;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

import com.mallsync.ops.dlt.ReplayCommand;

/**
 * The operators' console: outcomes, lag that knows why, DLTs and replay, overdue orders.
 *
 * <p>{@code java -jar ops-console.jar replay-dlt [--topic=...] [--records=...]} runs the DLT replay once, without
 * the web server, and exits (the command-line twin of the page's button).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class OpsConsoleApplication {

    public static void main(String[] args) {
        if (args.length > 0 && ReplayCommand.NAME.equals(args[0])) {
            SpringApplication app = new SpringApplication(OpsConsoleApplication.class);
            app.setWebApplicationType(WebApplicationType.NONE);
            app.setAdditionalProfiles(ReplayCommand.NAME);
            System.exit(SpringApplication.exit(app.run(args)));
        }
        SpringApplication.run(OpsConsoleApplication.class, args);
    }
}
