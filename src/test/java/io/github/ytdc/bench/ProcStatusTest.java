package io.github.ytdc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class ProcStatusTest {

    @Test
    void resident_and_peak_memory_are_read_from_the_status_lines() {
        Optional<ProcStatus> s = ProcStatus.parse(List.of("Name:\tjava", "VmPeak:\t 9000000 kB", "VmHWM:\t  201512 kB",
                "VmRSS:\t  187004 kB", "Threads:\t42"));
        assertEquals(Optional.of(new ProcStatus(187_004, 201_512)), s);
    }

    @Test
    void a_process_without_memory_lines_has_no_status() {
        assertEquals(Optional.empty(), ProcStatus.parse(List.of("Name:\tjava", "State:\tZ (zombie)")));
    }

    @Test
    void a_line_in_another_unit_is_refused_rather_than_misread() {
        assertThrows(IllegalArgumentException.class, () -> ProcStatus.parse(List.of("VmHWM:\t 2 MB", "VmRSS:\t 1 MB")));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void this_jvm_has_a_peak_at_least_its_current_resident_size() {
        ProcStatus s = ProcStatus.read(ProcessHandle.current().pid()).orElseThrow();
        assertTrue(s.vmRssKib() > 10_000, s.toString());
        assertTrue(s.vmHwmKib() >= s.vmRssKib(), s.toString());
        assertEquals(Optional.empty(), ProcStatus.read(Long.MAX_VALUE));
    }
}
