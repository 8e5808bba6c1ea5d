package io.github.ytdc.media.ytdlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecHookTest {

    @Test
    void placeholders_are_replaced_inside_each_argument_and_values_stay_literal() {
        List<String> argv = ExecHook.render(List.of("mc", "cp", "{file}", "minio/bucket/{source}/{id}.bin", "--attr", "title={title}"),
                Map.of("file", "/out/a b $(rm -rf x) [id].mp4", "id", "-x1", "source", "S1", "title", "=1+1 \"q\" {id}",
                        "url", "u"));
        assertEquals(List.of("mc", "cp", "/out/a b $(rm -rf x) [id].mp4", "minio/bucket/S1/-x1.bin", "--attr",
                "title==1+1 \"q\" {id}"), argv);
    }

    @Test
    void unknown_placeholders_are_refused_but_other_braces_pass() {
        assertThrows(IllegalArgumentException.class, () -> ExecHook.validate(List.of("cp", "{fille}", "/x")));
        ExecHook.validate(List.of("jq", "{}", "{\"a\": 1}", "{FILE}"));
    }
}
