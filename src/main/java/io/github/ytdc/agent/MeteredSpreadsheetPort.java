package io.github.ytdc.agent;

import io.github.ytdc.agent.AgentMetrics.SheetsRequest;
import io.github.ytdc.sheets.ForwardingSpreadsheetPort;
import io.github.ytdc.sheets.SpreadsheetPort;
import java.util.function.Supplier;

/** Counts every request a port sends (each method is one request) into the agent's metrics, by quota kind. */
final class MeteredSpreadsheetPort extends ForwardingSpreadsheetPort {
    private final AgentMetrics metrics;

    MeteredSpreadsheetPort(SpreadsheetPort delegate, AgentMetrics metrics) {
        super(delegate);
        this.metrics = metrics;
    }

    @Override
    protected <T> T send(Request request, Supplier<T> call) {
        metrics.sheetsRequest(request.write() ? SheetsRequest.WRITE : SheetsRequest.READ);
        return call.get();
    }
}
