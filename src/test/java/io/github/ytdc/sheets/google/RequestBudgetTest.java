package io.github.ytdc.sheets.google;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.ytdc.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A caller's pace as its share of the project's quota: the fleet never asks the project for more than it has. */
class RequestBudgetTest {
    private final MutableClock clock = new MutableClock();

    private RequestBudget budget() {
        return new RequestBudget(QuotaPolicy.GOOGLE_PER_USER, clock, d -> clock.advance(d));
    }

    @Test
    void a_small_fleet_keeps_the_per_user_quota() {
        RequestBudget b = budget();
        b.shareProject(ProjectQuota.GOOGLE_DEFAULT, 4); // 300 * 0.9 / 4 = 67 > 60
        assertEquals(Duration.ofSeconds(1), b.readInterval());
        assertEquals(Duration.ofSeconds(1), b.writeInterval());
    }

    @Test
    void sixty_agents_share_ninety_percent_of_the_project_quota() {
        RequestBudget b = budget();
        b.shareProject(ProjectQuota.GOOGLE_DEFAULT, 60); // 270 / 60 = 4 a minute
        assertEquals(Duration.ofSeconds(15), b.readInterval());
        assertEquals(Duration.ofSeconds(15), b.writeInterval());
        b.shareProject(new ProjectQuota(3000, 600), 60); // a raised quota: 45 reads, 9 writes a minute
        assertEquals(Duration.ofNanos(1_333_333_334L), b.readInterval());
        assertEquals(Duration.ofNanos(6_666_666_667L), b.writeInterval());
    }

    @Test
    void sustained_writes_of_sixty_paced_agents_stay_within_the_project_quota() throws Exception {
        RequestBudget b = budget();
        b.shareProject(ProjectQuota.GOOGLE_DEFAULT, 60);
        int sent = 0;
        long start = clock.millis();
        while (clock.millis() - start < 60_000) {
            b.acquire(true);
            if (clock.millis() - start < 60_000) {
                sent++;
            }
        }
        assertEquals(4, sent, "one agent's writes in a minute; 60 agents make 240 <= 300");
    }
}
