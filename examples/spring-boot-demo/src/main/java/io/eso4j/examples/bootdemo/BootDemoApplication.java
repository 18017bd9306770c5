package io.eso4j.examples.bootdemo;

import java.util.Arrays;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The demo application. {@code main} without arguments starts the fake AWS, then the application against it, shows
 * {@code /demo} and health, rotates {@code DB-CREDENTIALS}, shows the new version arriving without a restart, and
 * stops ({@code --serve} keeps it serving). With {@code --aws} (or the Spring profile {@code aws}) it starts the
 * same application against AWS: no fake, no endpoint override, credentials from the SDK's default chain.
 *
 * <p>The application itself is the configuration in {@code application.yaml} and the beans of this package.
 */
@SpringBootApplication
public class BootDemoApplication {

    /** The Spring profile, and the argument, that select real AWS. */
    static final String AWS_PROFILE = "aws";

    /** Runs the demo; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        List<String> arguments = Arrays.asList(args);
        String activeProfiles = System.getProperty(
                "spring.profiles.active", System.getenv().getOrDefault("SPRING_PROFILES_ACTIVE", ""));
        if (realAws(arguments, activeProfiles)) {
            SpringApplication application = new SpringApplication(BootDemoApplication.class);
            application.setAdditionalProfiles(AWS_PROFILE);
            application.run(args); // serves until stopped
            return;
        }
        LocalDemo demo = LocalDemo.start(args);
        try {
            demo.rotateAndShow(LocalDemo.ROTATED);
        } finally {
            if (arguments.contains("--serve")) {
                demo.logServing();
            } else {
                demo.close();
            }
        }
        // With --serve the web server's threads keep the JVM running; Ctrl-C closes the context, then the fake.
    }

    /** Whether the arguments or the active profiles ask for real AWS. */
    static boolean realAws(List<String> args, String activeProfiles) {
        for (String arg : args) {
            if (arg.equals("--" + AWS_PROFILE)) {
                return true;
            }
            if (arg.startsWith("--spring.profiles.active=")
                    && hasProfile(arg.substring("--spring.profiles.active=".length()))) {
                return true;
            }
        }
        return hasProfile(activeProfiles);
    }

    private static boolean hasProfile(String profiles) {
        return Arrays.stream(profiles.split(",")).map(String::trim).anyMatch(AWS_PROFILE::equals);
    }
}
