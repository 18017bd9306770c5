package io.eso4j.bench.child;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Retained heap of the starter (scenario 5): starts {@link BootApp}'s minimal Boot app, with {@code
 * spring.config.import=eso:aws:id;id;…} of {@code bench/secret-0000…} ({@code starter}) or without it ({@code
 * baseline}), and prints {@code HEAP <bytes>}: used heap after full GCs with the app started and kept open. The
 * parent subtracts the baseline. Spring Cloud AWS's auto-configuration is on the class path in both modes, with the
 * same properties, as in {@link BootApp}.
 */
public final class StarterHeap {

    private StarterHeap() {}

    /**
     * Starts, measures and reports.
     *
     * @param args {@code starter|baseline n}
     */
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[1]);
        String endpoint = System.getenv("AWS_ENDPOINT_URL");
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(String.format("bench/secret-%04d", i));
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.main.banner-mode", "off");
        properties.put("spring.cloud.aws.region.static", System.getenv("AWS_REGION"));
        properties.put("spring.cloud.aws.credentials.access-key", System.getenv("AWS_ACCESS_KEY_ID"));
        properties.put("spring.cloud.aws.credentials.secret-key", System.getenv("AWS_SECRET_ACCESS_KEY"));
        properties.put("spring.cloud.aws.secretsmanager.endpoint", endpoint);
        if (args[0].equals("starter")) {
            properties.put("spring.config.import", "eso:aws:" + String.join(";", ids));
            properties.put("eso4j.endpoint", endpoint);
            properties.put("eso4j.store.region", System.getenv("AWS_REGION"));
            properties.put("eso4j.store.auth.access-key-id", System.getenv("AWS_ACCESS_KEY_ID"));
            properties.put("eso4j.store.auth.secret-access-key", System.getenv("AWS_SECRET_ACCESS_KEY"));
        }
        SpringApplication app = new SpringApplication(BootApp.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setDefaultProperties(properties);
        try (ConfigurableApplicationContext context = app.run()) {
            String last = "bench/secret-" + String.format("%04d", n - 1);
            if (args[0].equals("starter") && !context.getEnvironment().containsProperty("password")) {
                throw new IllegalStateException("the import did not load " + last);
            }
            Report.line("HEAP " + usedAfterGc());
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            // A pause between collections lets reference processing and cleaners finish (measurement child, not a
            // test).
            Thread.sleep(50);
            used = Math.min(
                    used,
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
