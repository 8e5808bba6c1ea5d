package io.github.ytdc.agent;

import java.util.ArrayList;
import java.util.List;

/** Says whether the agent is healthy; asked on every {@code GET /health}, so it must be cheap and not block. */
@FunctionalInterface
interface HealthCheck {
    Health check();

    /** Healthy only when every check is; the reasons of the failing ones are joined with {@code "; "}. */
    static HealthCheck all(HealthCheck... checks) {
        List<HealthCheck> list = List.of(checks);
        return () -> {
            List<String> reasons = new ArrayList<>();
            for (HealthCheck c : list) {
                Health h = c.check();
                if (!h.healthy()) {
                    reasons.add(h.reason());
                }
            }
            return reasons.isEmpty() ? Health.ok() : Health.unhealthy(String.join("; ", reasons));
        };
    }
}
