package io.github.ytdc.sheets.local;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How a {@link LocalStore} turns its model into JSON and back, and makes a fresh one.
 *
 * @param <M> the model kept in memory between operations
 */
interface SnapshotCodec<M> {
    M create();

    JsonNode toSnapshot(M model);

    M fromSnapshot(JsonNode snapshot);
}
