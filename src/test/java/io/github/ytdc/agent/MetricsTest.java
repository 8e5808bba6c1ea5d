package io.github.ytdc.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MetricsTest {
    private final Metrics metrics = new Metrics();

    @Test
    void counters_and_gauges_render_in_the_prometheus_text_format_in_registration_order() {
        Metrics.Counter tasks = metrics.counter("ytdc_tasks_total", "Tasks finished.", "outcome");
        Metrics.Gauge busy = metrics.gauge("ytdc_busy", "Busy workers.");
        tasks.inc("done");
        tasks.inc("done");
        tasks.add(0.5, "retry");
        busy.set(3);
        busy.add(-1);
        assertEquals("""
                # HELP ytdc_tasks_total Tasks finished.
                # TYPE ytdc_tasks_total counter
                ytdc_tasks_total{outcome="done"} 2
                ytdc_tasks_total{outcome="retry"} 0.5
                # HELP ytdc_busy Busy workers.
                # TYPE ytdc_busy gauge
                ytdc_busy 2
                """, metrics.scrape());
    }

    @Test
    void an_unlabelled_metric_reads_zero_before_its_first_event() {
        metrics.counter("ytdc_sheets_429_total", "429s.");
        assertTrue(metrics.scrape().contains("\nytdc_sheets_429_total 0\n"), metrics.scrape());
    }

    @Test
    void histograms_render_cumulative_buckets_sum_and_count() {
        Metrics.Histogram h = metrics.histogram("ytdc_claim_latency_seconds", "Claim latency.", new double[] {0.5, 1, 2.5}, "kind");
        h.observe(Duration.ofMillis(200), "video");
        h.observe(1.0, "video");
        h.observe(1.5, "video");
        h.observe(7, "video");
        assertEquals("""
                # HELP ytdc_claim_latency_seconds Claim latency.
                # TYPE ytdc_claim_latency_seconds histogram
                ytdc_claim_latency_seconds_bucket{kind="video",le="0.5"} 1
                ytdc_claim_latency_seconds_bucket{kind="video",le="1"} 2
                ytdc_claim_latency_seconds_bucket{kind="video",le="2.5"} 3
                ytdc_claim_latency_seconds_bucket{kind="video",le="+Inf"} 4
                ytdc_claim_latency_seconds_sum{kind="video"} 9.7
                ytdc_claim_latency_seconds_count{kind="video"} 4
                """, metrics.scrape());
        assertEquals(4, h.count("video"));
    }

    @Test
    void label_values_and_help_are_escaped() {
        metrics.counter("ytdc_errors_total", "Errors, by \\ message\nsecond line.", "error").inc("said \"no\"\nthen \\ quit");
        assertEquals("""
                # HELP ytdc_errors_total Errors, by \\\\ message\\nsecond line.
                # TYPE ytdc_errors_total counter
                ytdc_errors_total{error="said \\"no\\"\\nthen \\\\ quit"} 1
                """, metrics.scrape());
    }

    @Test
    void a_callback_gauge_is_read_at_every_scrape() {
        AtomicLong free = new AtomicLong(100);
        metrics.gauge("ytdc_free_disk_bytes", "Free disk.", free::get);
        assertTrue(metrics.scrape().contains("ytdc_free_disk_bytes 100\n"));
        free.set(5_000_000_000L);
        assertTrue(metrics.scrape().contains("ytdc_free_disk_bytes 5000000000\n"));
    }

    @Test
    void special_values_use_prometheus_spelling() {
        assertEquals("+Inf", Metrics.format(Double.POSITIVE_INFINITY));
        assertEquals("-Inf", Metrics.format(Double.NEGATIVE_INFINITY));
        assertEquals("NaN", Metrics.format(Double.NaN));
        assertEquals("-3", Metrics.format(-3.0));
        assertEquals("1.0E-4", Metrics.format(0.0001));
    }

    @Test
    void asking_twice_for_the_same_metric_returns_it_and_a_conflicting_one_is_refused() {
        Metrics.Counter a = metrics.counter("ytdc_x_total", "X.", "kind");
        assertSame(a, metrics.counter("ytdc_x_total", "X.", "kind"));
        assertThrows(IllegalArgumentException.class, () -> metrics.counter("ytdc_x_total", "X.", "other"));
        assertThrows(IllegalArgumentException.class, () -> metrics.gauge("ytdc_x_total", "X.", "kind"));
        metrics.histogram("ytdc_h", "H.", new double[] {1, 2});
        assertThrows(IllegalArgumentException.class, () -> metrics.histogram("ytdc_h", "H.", new double[] {1, 3}));
    }

    @Test
    void bad_names_labels_buckets_and_values_are_refused() {
        assertThrows(IllegalArgumentException.class, () -> metrics.counter("ytdc-tasks", "bad name"));
        assertThrows(IllegalArgumentException.class, () -> metrics.counter("ytdc_a", "reserved label", "__x"));
        assertThrows(IllegalArgumentException.class, () -> metrics.histogram("ytdc_b", "le is the bucket label", new double[] {1}, "le"));
        assertThrows(IllegalArgumentException.class, () -> metrics.histogram("ytdc_c", "not ascending", new double[] {2, 1}));
        Metrics.Counter c = metrics.counter("ytdc_d_total", "D.", "kind");
        assertThrows(IllegalArgumentException.class, () -> c.add(-1, "x"));
        assertThrows(IllegalArgumentException.class, () -> c.inc(), "missing label value");
        assertThrows(IllegalArgumentException.class, () -> c.inc("a", "b"), "extra label value");
        assertThrows(IllegalStateException.class, () -> metrics.gauge("ytdc_e", "E.", () -> 1).set(2));
    }

    @Test
    void concurrent_updates_are_all_counted() throws Exception {
        Metrics.Counter counter = metrics.counter("ytdc_c_total", "C.", "outcome");
        Metrics.Gauge gauge = metrics.gauge("ytdc_g", "G.");
        Metrics.Histogram histogram = metrics.histogram("ytdc_h_seconds", "H.", new double[] {1});
        int threads = 8;
        int perThread = 10_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String label = t % 2 == 0 ? "done" : "retry";
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    counter.inc(label);
                    gauge.add(1);
                    histogram.observe(0.5);
                    if (i % 1000 == 0) {
                        metrics.scrape();
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(threads / 2 * perThread, counter.value("done"));
        assertEquals(threads / 2 * perThread, counter.value("retry"));
        assertEquals(threads * perThread, gauge.value());
        assertEquals(threads * perThread, histogram.count());
    }
}
