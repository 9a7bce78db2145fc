package dev.jmlflow.leaver;

import dev.jmlflow.provisioning.AccountLink;
import dev.jmlflow.provisioning.IdentityLinkStore;
import dev.jmlflow.provisioning.LinkState;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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

    /**
     * Targets where the employee may have an account: a live link (active or already deactivated), or a create that
     * was sent and never followed by a stored link (it may have succeeded).
     */
    public String linked(String employeeId) {
        return Stream.concat(
                        links.findByEmployee(employeeId).stream().filter(link -> link.state() != LinkState.DELETED)
                                .map(AccountLink::target),
                        links.pendingCreates(employeeId).stream().map(IdentityLinkStore.PendingCreate::target))
                .distinct()
                .sorted()
                .collect(Collectors.joining(","));
    }

    /** Targets whose account is verified deactivated; never one a rehire has reactivated since. */
    public String deactivated(String employeeId) {
        return targets(employeeId, link -> link.state() == LinkState.DEACTIVATED);
    }

    /** The userName (work email) of the employee's accounts, so the four-eyes rule knows the subject; null if none. */
    public String userName(String employeeId) {
        return links.findByEmployee(employeeId).stream().map(AccountLink::userName).filter(Objects::nonNull)
                .findFirst().orElse(null);
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
