package io.leadhub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

// no generated default user: callers are API keys only (io.leadhub.security), and a password printed in the log
// is a default secret
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class LeadhubApplication {
    public static void main(String[] args) {
        SpringApplication.run(LeadhubApplication.class, args);
    }
}
