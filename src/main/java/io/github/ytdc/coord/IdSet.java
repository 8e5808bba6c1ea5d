package io.github.ytdc.coord;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * A set of row IDs that costs about 20 bytes an ID instead of a {@code HashSet<String>}'s 100 or so: the IDs' UTF-8
 * bytes packed into one array, found through an open-addressing table of offsets.
 *
 * <p>why: an agent keeps every ID of Video Tasks, the dead-letter tabs and the Archive to deduplicate expansions (G6);
 * a campaign of a million videos is a million IDs, which as Strings in a hash set alone overran the agent's 128 MiB
 * heap. Exact, not a fingerprint: a false "seen" would silently keep a video out of the sheet. Not thread-safe.
 */
final class IdSet {
    /** IDs longer than this (only ever typed by people) go to a plain set. */
    private static final int MAX_PACKED = 255;

    private byte[] bytes = new byte[1 << 10];
    private int used;
    /** Offset + 1 of each ID's length byte, 0 for an empty slot; the length is a power of two. */
    private int[] slots = new int[1 << 6];
    private int size;
    private final Set<String> long_ = new HashSet<>();

    /** Adds {@code id}; false if it was already there. */
    boolean add(String id) {
        byte[] b = id.getBytes(StandardCharsets.UTF_8);
        if (b.length > MAX_PACKED) {
            return long_.add(id);
        }
        int slot = find(b);
        if (slots[slot] != 0) {
            return false;
        }
        if (used + 1 + b.length > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, used + 1 + b.length));
        }
        bytes[used] = (byte) b.length;
        System.arraycopy(b, 0, bytes, used + 1, b.length);
        slots[slot] = used + 1;
        used += 1 + b.length;
        if (++size * 2 > slots.length) {
            rehash();
        }
        return true;
    }

    boolean contains(String id) {
        byte[] b = id.getBytes(StandardCharsets.UTF_8);
        return b.length > MAX_PACKED ? long_.contains(id) : slots[find(b)] != 0;
    }

    int size() {
        return size + long_.size();
    }

    /** The slot holding {@code b}, or the empty slot where it would go. */
    private int find(byte[] b) {
        int mask = slots.length - 1;
        for (int i = hash(b, 0, b.length) & mask; ; i = (i + 1) & mask) {
            int at = slots[i];
            if (at == 0 || equalsAt(at - 1, b)) {
                return i;
            }
        }
    }

    private boolean equalsAt(int offset, byte[] b) {
        int length = bytes[offset] & 0xff;
        return length == b.length && Arrays.equals(bytes, offset + 1, offset + 1 + length, b, 0, b.length);
    }

    private void rehash() {
        int[] old = slots;
        slots = new int[old.length * 2];
        int mask = slots.length - 1;
        for (int at : old) {
            if (at != 0) {
                int length = bytes[at - 1] & 0xff;
                int i = hash(bytes, at, length) & mask;
                while (slots[i] != 0) {
                    i = (i + 1) & mask;
                }
                slots[i] = at;
            }
        }
    }

    /** FNV-1a, then a final mix so that IDs differing in their last characters spread over the table. */
    private static int hash(byte[] b, int from, int length) {
        int h = 0x811C9DC5;
        for (int i = from; i < from + length; i++) {
            h = (h ^ (b[i] & 0xff)) * 0x01000193;
        }
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        return h ^ (h >>> 13);
    }
}
