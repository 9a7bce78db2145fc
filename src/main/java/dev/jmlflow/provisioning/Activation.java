package dev.jmlflow.provisioning;

import dev.jmlflow.targets.Target;
import dev.jmlflow.targets.WriteStrategy;
import java.util.Map;
import java.util.Optional;

/** Setting {@code active} on an account, proven by reading it back (R-L-1); reactivation is admitted by the fence first. */
final class Activation {

    private final IdentityLinkStore links;
    private final VerifiedAccounts accounts;
    private final ReadBack readBack;

    Activation(IdentityLinkStore links, VerifiedAccounts accounts, ReadBack readBack) {
        this.links = links;
        this.accounts = accounts;
        this.readBack = readBack;
    }

    /** Writes {@code active} and reads it back until the target shows it; a transient error otherwise. */
    void set(Target t, AccountLink link, boolean active, WriteStrategy strategy) {
        if (active) {
            links.admitWrite(t.name(), link.employeeId());
        }
        strategy.replace(t.api(), link.scimId(), accounts.current(t, link), Map.of("active", active));
        boolean shown = readBack.poll(() -> Optional.of(accounts.verifiedUser(t, link))
                .filter(now -> now.active() != null && now.active() == active)).isPresent();
        if (shown) {
            return;
        }
        throw new RetryLaterException(t.name(), "account " + link.scimId() + " of employee " + link.employeeId()
                + " does not show active=" + active + " yet after " + readBack.attempts() + " reads", null);
    }
}
