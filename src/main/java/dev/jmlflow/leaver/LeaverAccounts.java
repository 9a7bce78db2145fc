package dev.jmlflow.leaver;

import dev.jmlflow.provisioning.AccountLink;
import dev.jmlflow.provisioning.IdentityLinkStore;
import dev.jmlflow.provisioning.LinkState;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Which of a leaver's accounts a step works on, from the identity links (no SCIM call). Lists travel through the
 * process as comma-separated target names (plain strings: readable in Cockpit and forms, no object
 * serialization); {@link #list} turns one back into the collection a multi-instance runs over
 * ({@code ${leaverAccounts.list(linkedTargets)}}).
 */
@Component("leaverAccounts")
public class LeaverAccounts {

    private final IdentityLinkStore links;

    public LeaverAccounts(IdentityLinkStore links) {
        this.links = links;
    }

    /** Targets where the employee still has an account (active or already deactivated). */
    public String linked(String employeeId) {
        return targets(employeeId, link -> link.state() != LinkState.DELETED);
    }

    /** Targets whose account is verified deactivated; never one a rehire has reactivated since. */
    public String deactivated(String employeeId) {
        return targets(employeeId, link -> link.state() == LinkState.DEACTIVATED);
    }

    /** The last verified state of the employee's account on one target. */
    public Optional<LinkState> state(String target, String employeeId) {
        return links.find(target, employeeId).map(AccountLink::state);
    }

    public List<String> list(String targets) {
        if (targets == null || targets.isBlank()) {
            return List.of();
        }
        return Arrays.stream(targets.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
    }

    private String targets(String employeeId, Predicate<AccountLink> wanted) {
        return links.findByEmployee(employeeId).stream()
                .filter(wanted)
                .map(AccountLink::target)
                .sorted()
                .collect(Collectors.joining(","));
    }
}
