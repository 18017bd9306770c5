package io.eso4j.bench.child;

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
        Map<String, Object> properties =
                BootApp.properties(args[0].equals("starter") ? "eso4j-starter" : "baseline", BootApp.ids(n));
        SpringApplication app = new SpringApplication(BootApp.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setDefaultProperties(properties);
        try (ConfigurableApplicationContext context = app.run()) {
            String last = "bench/secret-" + String.format("%04d", n - 1);
            if (args[0].equals("starter") && !context.getEnvironment().containsProperty("password")) {
                throw new IllegalStateException("the import did not load " + last);
            }
            Report.line("HEAP " + RetainedHeap.usedAfterGc());
        }
    }
}
