package io.eso4j.examples.rotatingdb;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The web service: {@code GET /orders} runs a query through Boot's HikariCP pool, whose {@code
 * spring.datasource.username/password} are {@code ${db-user}} and {@code ${db-pass}} of the ExternalSecret {@code db}
 * (see {@code application.yaml}). Nothing in it knows about rotation: the starter moves the pool to new credentials.
 */
@SpringBootApplication
public class RotatingDbApplication {

    /** {@code GET /orders}: the number of orders, read from the database on every request. */
    @RestController
    static class Orders {

        private final JdbcTemplate jdbc;

        Orders(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @GetMapping("/orders")
        String count() {
            Integer count = jdbc.queryForObject("select count(*) from orders", Integer.class);
            return "{\"orders\":" + count + "}";
        }
    }
}
