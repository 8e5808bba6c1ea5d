package io.github.ytdc.agent;

import io.github.ytdc.agent.http.AgentMetrics;
import io.github.ytdc.agent.http.AgentMetrics.SheetsRequest;
import io.github.ytdc.sheets.AppendResult;
import io.github.ytdc.sheets.CellRange;
import io.github.ytdc.sheets.RangeWrite;
import io.github.ytdc.sheets.SpreadsheetInfo;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.sheets.StructuralRequest;
import java.time.Duration;
import java.util.List;

/** Counts every request a port sends (each method is one request) into the agent's metrics, by quota kind. */
final class MeteredSpreadsheetPort implements SpreadsheetPort {
    private final SpreadsheetPort delegate;
    private final AgentMetrics metrics;

    MeteredSpreadsheetPort(SpreadsheetPort delegate, AgentMetrics metrics) {
        this.delegate = delegate;
        this.metrics = metrics;
    }

    @Override
    public String spreadsheetId() {
        return delegate.spreadsheetId();
    }

    @Override
    public Duration writeDelay() {
        return delegate.writeDelay(); // the engine waits for the write slot before reading (G1)
    }

    @Override
    public SpreadsheetInfo getInfo() {
        metrics.sheetsRequest(SheetsRequest.READ);
        return delegate.getInfo();
    }

    @Override
    public List<CellRange> batchGet(List<String> ranges) {
        metrics.sheetsRequest(SheetsRequest.READ);
        return delegate.batchGet(ranges);
    }

    @Override
    public void batchUpdateValues(List<RangeWrite> writes) {
        metrics.sheetsRequest(SheetsRequest.WRITE);
        delegate.batchUpdateValues(writes);
    }

    @Override
    public AppendResult append(String range, List<List<String>> rows) {
        metrics.sheetsRequest(SheetsRequest.WRITE);
        return delegate.append(range, rows);
    }

    @Override
    public void batchClear(List<String> ranges) {
        metrics.sheetsRequest(SheetsRequest.WRITE);
        delegate.batchClear(ranges);
    }

    @Override
    public void batchUpdate(List<StructuralRequest> requests) {
        metrics.sheetsRequest(SheetsRequest.WRITE);
        delegate.batchUpdate(requests);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
