package io.github.ytdc.sheets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** For ports that can name a spreadsheet that does not exist: Google's 404 is {@link SheetsException.Reason#NOT_FOUND}. */
public interface UnknownSpreadsheetContract {
    /** A port addressing a spreadsheet that does not exist (opening it may already fail). */
    SpreadsheetPort openUnknown();

    @Test
    default void an_unknown_spreadsheet_is_not_found() {
        SheetsException e = assertThrows(SheetsException.class, () -> {
            try (SpreadsheetPort p = openUnknown()) {
                p.getInfo();
            }
        });
        assertEquals(SheetsException.Reason.NOT_FOUND, e.reason(), e.getMessage());
        assertEquals(404, e.httpStatus());
    }
}
