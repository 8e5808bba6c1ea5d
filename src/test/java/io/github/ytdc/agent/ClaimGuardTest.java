package io.github.ytdc.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.util.ByteSize;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClaimGuardTest {

    @Test
    void sizes_are_read_as_people_type_them_in_binary_units() {
        assertEquals(5L << 30, ByteSize.parse("5GB"));
        assertEquals(1L << 30, ByteSize.parse("1G"));
        assertEquals(1536L << 20, ByteSize.parse("1.5GiB"));
        assertEquals(500L << 20, ByteSize.parse(" 500m "));
        assertEquals(1048576, ByteSize.parse("1048576"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("lots"));
        assertTrue(e.getMessage().contains("use forms like 500M, 1G, 5GB"), e.getMessage());
        assertEquals("3.2G", ByteSize.format(ByteSize.parse("3.2G")));
    }

    @Test
    void low_disk_pauses_claiming_until_space_is_back() {
        AtomicLong free = new AtomicLong(ByteSize.parse("500M"));
        ClaimGuard guard = ClaimGuard.minFreeDisk("/srv/out", ByteSize.parse("1G"), free::get);

        assertEquals(Optional.of("low disk: 500M free in /srv/out, below --min-free-disk 1.0G"), guard.pauseReason());
        free.set(ByteSize.parse("2G"));
        assertEquals(Optional.empty(), guard.pauseReason());
    }

    @Test
    void the_first_failing_guard_names_the_reason_and_unknown_readings_never_pause() {
        ClaimGuard load = ClaimGuard.maxLoad(4.0, () -> 6.5);
        ClaimGuard unknownLoad = ClaimGuard.maxLoad(4.0, () -> -1);
        ClaimGuard memory = ClaimGuard.maxMemory(ByteSize.parse("8G"), () -> ByteSize.parse("9G"));

        assertEquals(Optional.of("high load: 6.50, above --max-load 4.00"),
                ClaimGuard.all(List.of(unknownLoad, load, memory)).pauseReason());
        assertEquals(Optional.of("high memory use: 9.0G in use, above --max-memory 8.0G"),
                ClaimGuard.all(List.of(unknownLoad, memory)).pauseReason());
        assertEquals(Optional.empty(), ClaimGuard.all(List.of(unknownLoad)).pauseReason());
    }

    @Test
    void memory_in_use_is_total_minus_available_so_page_cache_does_not_count() {
        long used = HostMemory.usedBytes(List.of("MemTotal:       16000000 kB", "MemFree:          100000 kB",
                "MemAvailable:   12000000 kB", "Cached:         11000000 kB"));

        assertEquals(4_000_000L * 1024, used);
    }
}
