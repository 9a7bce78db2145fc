package dev.jmlflow.sandbox.scimserver;

import java.util.List;

/** A read-only snapshot of one group in a sandbox tenant: its members are user ids. */
public record StoredGroup(String id, String displayName, List<String> memberIds) {

    public StoredGroup {
        memberIds = List.copyOf(memberIds);
    }
}
