package io.github.ytdc.agent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A small, thread-safe metrics registry rendered in the Prometheus text exposition format (version 0.0.4):
 * counters and gauges with labels, gauges read from a callback, and histograms.
 *
 * <pre>{@code
 * Counter tasks = metrics.counter("ytdc_tasks_total", "Tasks finished, by outcome.", "outcome");
 * tasks.inc("done");
 * }</pre>
 *
 * Recording is lock-free (adders and atomics); a scrape reads each value once, so a scrape racing with updates
 * sees each series at some recent value, never a torn one.
 */
final class Metrics {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    // why: registration order is the scrape order, so related metrics stay together for people reading it.
    private final Map<String, Metric<?>> byName = new ConcurrentHashMap<>();
    private final List<Metric<?>> ordered = new CopyOnWriteArrayList<>();

    /** A counter: only goes up. Asking again with the same name and labels returns the same counter. */
    public Counter counter(String name, String help, String... labelNames) {
        return register(Counter.class, name, () -> new Counter(name, help, labelNames), labelNames);
    }

    /** A gauge set by the caller. */
    public Gauge gauge(String name, String help, String... labelNames) {
        return register(Gauge.class, name, () -> new Gauge(name, help, labelNames, null), labelNames);
    }

    /** A gauge whose value is read from {@code value} at every scrape (free disk space, queue length). */
    public Gauge gauge(String name, String help, DoubleSupplier value) {
        Objects.requireNonNull(value, "value");
        return register(Gauge.class, name, () -> new Gauge(name, help, new String[0], value), new String[0]);
    }

    /**
     * A histogram with the given upper bucket bounds (ascending; {@code +Inf} is added). Use seconds for
     * durations and bytes for sizes, as Prometheus expects.
     */
    public Histogram histogram(String name, String help, double[] buckets, String... labelNames) {
        Histogram h = register(Histogram.class, name, () -> new Histogram(name, help, labelNames, buckets), labelNames);
        if (!Arrays.equals(h.bounds, Histogram.checkBounds(name, buckets))) {
            throw new IllegalArgumentException("metric " + name + " is already registered with other buckets");
        }
        return h;
    }

    /** Every metric in the text exposition format. */
    public String scrape() {
        StringBuilder out = new StringBuilder();
        for (Metric<?> m : ordered) {
            m.writeTo(out);
        }
        return out.toString();
    }

    private synchronized <M extends Metric<?>> M register(Class<M> type, String name, Supplier<M> create, String[] labelNames) {
        Metric<?> existing = byName.get(name);
        if (existing != null) {
            if (type.isInstance(existing) && existing.labelNames.equals(List.of(labelNames)) && !(existing instanceof Gauge g && g.supplier != null)) {
                return type.cast(existing);
            }
            throw new IllegalArgumentException("metric " + name + " is already registered as a different "
                    + existing.type() + " (labels " + existing.labelNames + ")");
        }
        M created = create.get();
        if (created.labelNames.isEmpty()) {
            created.series(); // why: an unlabelled metric reads 0 before its first event, so rate() works from the start
        }
        byName.put(name, created);
        ordered.add(created);
        return created;
    }

    /** A named metric family: one time series per combination of label values. */
    public abstract static class Metric<C> {
        final String name;
        final String help;
        final List<String> labelNames;
        private final ConcurrentMap<List<String>, C> series = new ConcurrentHashMap<>();

        Metric(String name, String help, String[] labelNames) {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + name + "' is not a valid metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)");
            }
            for (String l : labelNames) {
                if (!LABEL.matcher(l).matches() || l.startsWith("__") || l.equals("le")) {
                    throw new IllegalArgumentException("'" + l + "' is not a valid label name for metric " + name);
                }
            }
            this.name = name;
            this.help = Objects.requireNonNull(help, "help");
            this.labelNames = List.of(labelNames);
        }

        abstract String type();

        abstract C newSeries();

        abstract void writeSeries(StringBuilder out, List<String> labelValues, C series);

        C series(String... labelValues) {
            if (labelValues.length != labelNames.size()) {
                throw new IllegalArgumentException("metric " + name + " takes labels " + labelNames + ", got "
                        + labelValues.length + " value(s)");
            }
            for (String v : labelValues) {
                Objects.requireNonNull(v, "label value");
            }
            return series.computeIfAbsent(List.of(labelValues), k -> newSeries());
        }

        void writeTo(StringBuilder out) {
            out.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
            out.append("# TYPE ").append(name).append(' ').append(type()).append('\n');
            List<Map.Entry<List<String>, C>> entries = new ArrayList<>(series.entrySet());
            entries.sort(Comparator.comparing(e -> String.join("\u0000", e.getKey())));
            for (Map.Entry<List<String>, C> e : entries) {
                writeSeries(out, e.getKey(), e.getValue());
            }
        }

        void sample(StringBuilder out, String suffix, List<String> labelValues, String extraLabel, String extraValue, double value) {
            out.append(name).append(suffix);
            if (!labelValues.isEmpty() || extraLabel != null) {
                out.append('{');
                for (int i = 0; i < labelValues.size(); i++) {
                    out.append(i == 0 ? "" : ",").append(labelNames.get(i)).append("=\"").append(escapeLabel(labelValues.get(i))).append('"');
                }
                if (extraLabel != null) {
                    out.append(labelValues.isEmpty() ? "" : ",").append(extraLabel).append("=\"").append(extraValue).append('"');
                }
                out.append('}');
            }
            out.append(' ').append(format(value)).append('\n');
        }
    }

    /** A value that only goes up: events, bytes. */
    public static final class Counter extends Metric<DoubleAdder> {
        Counter(String name, String help, String[] labelNames) {
            super(name, help, labelNames);
        }

        /** Adds one to the series with these label values. */
        public void inc(String... labelValues) {
            series(labelValues).add(1);
        }

        /** Adds {@code amount} (not negative) to the series with these label values. */
        public void add(double amount, String... labelValues) {
            if (amount < 0 || Double.isNaN(amount)) {
                throw new IllegalArgumentException("counter " + name + " cannot go down (got " + amount + ")");
            }
            series(labelValues).add(amount);
        }

        /** The current value of a series. */
        public double value(String... labelValues) {
            return series(labelValues).sum();
        }

        @Override
        String type() {
            return "counter";
        }

        @Override
        DoubleAdder newSeries() {
            return new DoubleAdder();
        }

        @Override
        void writeSeries(StringBuilder out, List<String> labelValues, DoubleAdder series) {
            sample(out, "", labelValues, null, null, series.sum());
        }
    }

    /** A value that goes up and down: tasks in progress, an open circuit breaker (1) or a closed one (0). */
    public static final class Gauge extends Metric<AtomicLong> {
        private final DoubleSupplier supplier;

        Gauge(String name, String help, String[] labelNames, DoubleSupplier supplier) {
            super(name, help, labelNames);
            this.supplier = supplier;
        }

        /** Sets the series with these label values. */
        public void set(double value, String... labelValues) {
            requireSettable();
            series(labelValues).set(Double.doubleToRawLongBits(value));
        }

        /** Adds {@code delta} (may be negative) to the series with these label values. */
        public void add(double delta, String... labelValues) {
            requireSettable();
            AtomicLong bits = series(labelValues);
            bits.getAndUpdate(b -> Double.doubleToRawLongBits(Double.longBitsToDouble(b) + delta));
        }

        /** The current value of a series. */
        public double value(String... labelValues) {
            return supplier != null ? supplier.getAsDouble() : Double.longBitsToDouble(series(labelValues).get());
        }

        private void requireSettable() {
            if (supplier != null) {
                throw new IllegalStateException("gauge " + name + " reads its value from a callback");
            }
        }

        @Override
        String type() {
            return "gauge";
        }

        @Override
        AtomicLong newSeries() {
            return new AtomicLong(Double.doubleToRawLongBits(0));
        }

        @Override
        void writeSeries(StringBuilder out, List<String> labelValues, AtomicLong series) {
            sample(out, "", labelValues, null, null, supplier != null ? supplier.getAsDouble() : Double.longBitsToDouble(series.get()));
        }
    }

    /** Counts observations into buckets: latencies, sizes. */
    public static final class Histogram extends Metric<Histogram.Series> {
        private final double[] bounds;

        Histogram(String name, String help, String[] labelNames, double[] buckets) {
            super(name, help, labelNames);
            this.bounds = checkBounds(name, buckets);
        }

        /** Records one observation. */
        public void observe(double value, String... labelValues) {
            Series s = series(labelValues);
            int i = 0;
            while (i < bounds.length && value > bounds[i]) {
                i++;
            }
            s.counts[i].increment();
            s.sum.add(value);
        }

        /** Records a duration, in seconds. */
        public void observe(Duration duration, String... labelValues) {
            observe(duration.toNanos() / 1e9, labelValues);
        }

        /** How many observations a series holds. */
        public long count(String... labelValues) {
            long n = 0;
            for (LongAdder c : series(labelValues).counts) {
                n += c.sum();
            }
            return n;
        }

        static double[] checkBounds(String name, double[] buckets) {
            double[] b = buckets.clone();
            if (b.length > 0 && b[b.length - 1] == Double.POSITIVE_INFINITY) {
                b = Arrays.copyOf(b, b.length - 1);
            }
            for (int i = 0; i < b.length; i++) {
                if (Double.isNaN(b[i]) || i > 0 && b[i] <= b[i - 1]) {
                    throw new IllegalArgumentException("histogram " + name + " needs strictly ascending buckets, got " + Arrays.toString(buckets));
                }
            }
            return b;
        }

        @Override
        String type() {
            return "histogram";
        }

        @Override
        Series newSeries() {
            return new Series(bounds.length + 1);
        }

        @Override
        void writeSeries(StringBuilder out, List<String> labelValues, Series series) {
            long cumulative = 0;
            for (int i = 0; i <= bounds.length; i++) {
                cumulative += series.counts[i].sum();
                String le = i < bounds.length ? format(bounds[i]) : "+Inf";
                sample(out, "_bucket", labelValues, "le", le, cumulative);
            }
            sample(out, "_sum", labelValues, null, null, series.sum.sum());
            // why: count is the +Inf bucket, so a scrape racing with observe() never shows count != +Inf bucket
            sample(out, "_count", labelValues, null, null, cumulative);
        }

        /** The buckets (not cumulative; the last one is +Inf) and the sum of one series. */
        static final class Series {
            final LongAdder[] counts;
            final DoubleAdder sum = new DoubleAdder();

            Series(int buckets) {
                counts = new LongAdder[buckets];
                for (int i = 0; i < buckets; i++) {
                    counts[i] = new LongAdder();
                }
            }
        }
    }

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private static String escapeHelp(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n");
    }

    private static String escapeLabel(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
