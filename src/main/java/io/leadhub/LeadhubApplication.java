package io.leadhub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class LeadhubApplication {
    public static void main(String[] args) {
        SpringApplication.run(LeadhubApplication.class, args);
    }
}
