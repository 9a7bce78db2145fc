package dev.jmlflow.provisioning;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jmlflow.scim.ScimClients;
import dev.jmlflow.scim.ScimException;
import dev.jmlflow.scim.ScimUser;
import dev.jmlflow.targets.Target;
import dev.jmlflow.targets.WriteStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads of a linked account that prove it still is the employee's before anything is written (R-ID-2), and the
 * handling of a stored id that answers 404 (R-E-4): gone only when the target is healthy and lookups find nothing.
 */
final class VerifiedAccounts {

    private static final Logger log = LoggerFactory.getLogger(VerifiedAccounts.class);

    private final IdentityLinkStore links;
    private final ObjectMapper json = ScimClients.objectMapper();

    VerifiedAccounts(IdentityLinkStore links) {
        this.links = links;
    }

    AccountLink requireLink(Target t, String employeeId) {
        return links.find(t.name(), employeeId)
                .orElseThrow(() -> new NotLinkedException(t.name(), "no account is linked for employee " + employeeId));
    }

    /** GET by stored id plus the identity check (R-ID-2); a 404 propagates. */
    ScimUser verifiedUser(Target t, AccountLink link) {
        ScimUser user = t.api().getUser(link.scimId());
        checkIdentity(t, link, user);
        return user;
    }

    ObjectNode verifiedDocument(Target t, AccountLink link) {
        ObjectNode doc = t.api().getUserDocument(link.scimId());
        checkIdentity(t, link, json.convertValue(doc, ScimUser.class));
        return doc;
    }

    /** The account as the target shows it, identity verified, read as the write strategy needs it. */
    WriteStrategy.CurrentUser current(Target t, AccountLink link) {
        return new WriteStrategy.CurrentUser(() -> verifiedUser(t, link), () -> verifiedDocument(t, link));
    }

    /**
     * The account of a stored link, identity verified: the one at the stored id or, when that id answers 404 on an
     * otherwise healthy target (R-E-4), the one lookups by userName and externalId prove is the employee's under a
     * new id (the app re-created it). Empty only when those lookups find nothing; anything else they find is an
     * {@link IdentityMismatchException} and no write.
     */
    Optional<ScimUser> existingUser(Target t, AccountLink link) {
        try {
            return Optional.of(verifiedUser(t, link));
        } catch (ScimException.NotFound e) {
            t.confirmHealthy();
            Optional<ScimUser> moved = Lookups.relocated(t, link);
            moved.ifPresent(u -> log.info("target {}: account {} of employee {} answered 404; the app re-created it as {}",
                    t.name(), link.scimId(), link.employeeId(), u.id()));
            return moved;
        }
    }

    /** The link, re-pointed at {@code user} when the app re-created the account under a new id. */
    static AccountLink at(AccountLink link, ScimUser user) {
        return moved(link, user) ? new AccountLink(link.target(), link.employeeId(), user.id(), link.userName(),
                link.origin(), link.state(), link.lastVerified()) : link;
    }

    /** Whether {@link #existingUser} found the account under a new id (a server may omit the id of a GET by id). */
    static boolean moved(AccountLink link, ScimUser user) {
        return user.id() != null && !user.id().equals(link.scimId());
    }

    /** One employee id is one person: a userName on record that is not the request's belongs to someone else. */
    static void requireSamePerson(Target t, Employee employee, String recordedUserName, String what) {
        if (!Lookups.sameUserName(recordedUserName, employee.userName())) {
            throw new AccountConflictException(t.name(), "employee " + employee.employeeId() + " " + what
                    + " under another userName; one employee id is one person, so nothing was written");
        }
    }

    /**
     * Proof of ownership: {@code externalId} equals the employee id (exactly; it is caseExact). On a target that
     * keeps no externalId, only our own recorded create attempt for this userName counts.
     */
    static boolean isOurs(Target t, ScimUser user, String employeeId, boolean ourCreate) {
        if (user.externalId() != null) {
            return user.externalId().equals(employeeId);
        }
        return !t.dialect().capabilities().storesExternalId() && ourCreate;
    }

    private static void checkIdentity(Target t, AccountLink link, ScimUser user) {
        List<String> problems = new ArrayList<>();
        if (user.id() != null && !user.id().equals(link.scimId())) {
            problems.add("the server answered with another id");
        }
        if (!Lookups.sameUserName(user.userName(), link.userName())) {
            problems.add("its userName is no longer the employee's");
        }
        if (user.externalId() != null ? !user.externalId().equals(link.employeeId()) : t.dialect().capabilities().storesExternalId()) {
            problems.add("its externalId is not the employee id");
        }
        if (!problems.isEmpty()) {
            throw new IdentityMismatchException(t.name(), "account " + link.scimId() + " stored for employee "
                    + link.employeeId() + " does not belong to them any more: " + String.join(", ", problems) + "; no write");
        }
    }
}
