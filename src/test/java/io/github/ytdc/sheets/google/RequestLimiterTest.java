package io.github.ytdc.sheets.google;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RequestLimiterTest {

    @Test
    void back_to_back_requests_are_spaced_one_second_apart_under_googles_quota() {
        MutableClock clock = new MutableClock();
        RecordingSleeper sleeper = new RecordingSleeper();
        RequestLimiter limiter = new RequestLimiter(60, 1, clock, sleeper);
        assertEquals(Duration.ZERO, limiter.reserve());
        assertEquals(Duration.ofSeconds(1), limiter.reserve());
        assertEquals(Duration.ofSeconds(2), limiter.reserve());
        clock.advance(Duration.ofSeconds(10));
        assertEquals(Duration.ZERO, limiter.reserve(), "a quiet spell frees the next slot");
    }

    @Test
    void a_burst_goes_out_at_once_and_then_requests_are_spaced() {
        MutableClock clock = new MutableClock();
        RequestLimiter limiter = new RequestLimiter(60, 5, clock, new RecordingSleeper());
        for (int i = 0; i < 5; i++) {
            assertEquals(Duration.ZERO, limiter.reserve(), "request " + i);
        }
        assertEquals(Duration.ofNanos(1_071_428_572), limiter.interval(), "60 s / 56, rounded up");
        assertTrue(limiter.reserve().compareTo(Duration.ZERO) > 0);
    }

    @Test
    void no_sixty_second_window_ever_holds_more_than_the_quota() {
        for (int burst : new int[] {1, 10, 60}) {
            MutableClock clock = new MutableClock();
            List<Instant> sent = new ArrayList<>();
            RequestLimiter limiter = new RequestLimiter(60, burst, clock, d -> clock.advance(d));
            SplittableRandom random = new SplittableRandom(burst);
            for (int i = 0; i < 2_000; i++) {
                // Arrivals alternate between storms and pauses that let a burst build up again.
                clock.advance(Duration.ofMillis(random.nextInt(10) == 0 ? random.nextLong(90_000) : random.nextLong(300)));
                Instant asked = clock.instant();
                Duration wait = limiter.reserve();
                sent.add(asked.plus(wait));
            }
            sent.sort(null);
            for (int i = 0, j = 0; i < sent.size(); i++) {
                while (!sent.get(j).isAfter(sent.get(i).minus(Duration.ofMinutes(1)))) {
                    j++;
                }
                assertTrue(i - j + 1 <= 60, "burst " + burst + ": " + (i - j + 1) + " requests within a minute");
            }
        }
    }

    @Test
    void reads_and_writes_have_separate_limits() throws InterruptedException {
        MutableClock clock = new MutableClock();
        RecordingSleeper sleeper = new RecordingSleeper();
        RequestBudget budget = new RequestBudget(QuotaPolicy.GOOGLE_PER_USER, clock, sleeper);
        budget.acquire(false);
        budget.acquire(true);
        assertEquals(List.of(), sleeper.sleeps(), "a write does not wait for a read");
        budget.acquire(true);
        assertEquals(List.of(Duration.ofSeconds(1)), sleeper.sleeps());
    }

    @Test
    void ports_of_the_same_caller_share_one_budget() {
        RequestBudget a = RequestBudget.shared("shared-test-a@example.com", QuotaPolicy.GOOGLE_PER_USER);
        assertSame(a, RequestBudget.shared("shared-test-a@example.com", new QuotaPolicy(30, 30, 1)));
        assertNotSame(a, RequestBudget.shared("shared-test-b@example.com", QuotaPolicy.GOOGLE_PER_USER));
    }
}
