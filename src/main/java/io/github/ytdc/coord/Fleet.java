package io.github.ytdc.coord;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The live agents sharing the spreadsheet as this agent last read them in the Workers tab, itself included, and which
 * rows each of them prefers to claim.
 *
 * <p>why: row tags are invisible to other agents, so agents picking among the same pending rows tag rows another agent
 * claims first (a wasted tag write each) and lose claim rounds. Each row has one preferred agent, the member with the
 * highest hash of (member, row ID) (rendezvous hashing): agents that see the same fleet agree without talking, and an
 * agent joining or leaving moves only the rows it gains or loses. A preference is never an exclusion: an agent short
 * of its own rows takes others', so a dead member's rows are never stranded.
 *
 * @param self    this agent's name
 * @param members live agents' names, sorted, this agent included
 */
record Fleet(String self, List<String> members) {
    Fleet {
        Objects.requireNonNull(self, "self");
        TreeSet<String> all = new TreeSet<>(members);
        all.add(self);
        members = List.copyOf(all);
    }

    /** An agent that has not read the Workers tab yet, or is alone. */
    static Fleet alone(String self) {
        return new Fleet(self, List.of());
    }

    int size() {
        return members.size();
    }

    /** True when this agent is the member that prefers the row with this ID. */
    boolean prefers(String rowId) {
        if (members.size() == 1) {
            return true;
        }
        long idHash = rowId.hashCode() & 0xffffffffL;
        String best = null;
        long bestWeight = 0;
        for (String m : members) {
            long w = weight(m, idHash);
            if (best == null || Long.compareUnsigned(w, bestWeight) > 0) {
                best = m;
                bestWeight = w;
            }
        }
        return self.equals(best);
    }

    /** A well-mixed 64-bit weight of (member, row): SplitMix64's finaliser over both 32-bit hashes. */
    private static long weight(String member, long idHash) {
        long z = ((long) member.hashCode() << 32 ^ idHash) + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
