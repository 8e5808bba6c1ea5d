package io.github.ytdc.agent;

import java.util.Objects;

/**
 * The answer of a {@link HealthCheck}.
 *
 * @param healthy whether the agent can do its job
 * @param reason  why not, for people ({@code circuit breaker open for 4m: sign-in required}); empty when healthy
 */
record Health(boolean healthy, String reason) {
    private static final Health OK = new Health(true, "");

    public Health {
        Objects.requireNonNull(reason, "reason");
    }

    public static Health ok() {
        return OK;
    }

    public static Health unhealthy(String reason) {
        return new Health(false, reason);
    }
}
