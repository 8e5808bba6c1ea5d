package io.github.ytdc.sheets;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code spreadsheets.get} says about a spreadsheet's tabs.
 *
 * @param spreadsheetId the id
 * @param title         the spreadsheet's title
 * @param tabs          its tabs in order
 */
public record SpreadsheetInfo(String spreadsheetId, String title, List<TabInfo> tabs) {
    public SpreadsheetInfo {
        tabs = List.copyOf(tabs);
    }

    /** The tab with this title, compared case-insensitively as Google does. */
    public Optional<TabInfo> tab(String title) {
        String wanted = title.toLowerCase(Locale.ROOT);
        return tabs.stream().filter(t -> t.title().toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
    }
}
