package io.github.ytdc.sheets;

import io.github.ytdc.sheets.memory.InMemorySpreadsheetPort;

/** The port contract for the in-memory model. */
class InMemorySpreadsheetPortContractTest extends SpreadsheetPortContract {
    @Override
    protected SpreadsheetPort openFresh() {
        return InMemorySpreadsheetPort.create("contract");
    }
}
