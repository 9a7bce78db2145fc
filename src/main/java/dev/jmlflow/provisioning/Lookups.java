package dev.jmlflow.provisioning;

import dev.jmlflow.scim.ListResponse;
import dev.jmlflow.scim.ScimException;
import dev.jmlflow.scim.ScimFilter;
import dev.jmlflow.scim.ScimGroup;
import dev.jmlflow.scim.ScimUser;
import dev.jmlflow.targets.Target;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Filter lookups that may pick a resource to write to (R-ID-3). A lookup answers "absent", exactly one exact
 * match, or throws: duplicates, a different user, a count that disagrees with {@code totalResults} or a page
 * that is not a SCIM ListResponse never lead to a write. Messages never quote the looked-up value (an email).
 */
final class Lookups {

    private Lookups() {
    }

    /** The one user whose userName equals {@code userName} (case-insensitively), or empty when there is none. */
    static Optional<ScimUser> userByName(Target target, String employeeId, String userName) {
        ScimFilter filter = ScimFilter.eq("userName", userName);
        if (target.dialect().capabilities().lookup().readsEveryPage()) {
            List<ScimUser> all = Pager.collect(target, "user lookup", (start) -> target.api().findUsers(filter, start, Pager.PAGE_SIZE), ScimUser::id);
            return single(target, employeeId, all.stream().filter(u -> sameUserName(u.userName(), userName)).toList());
        }
        ListResponse<ScimUser> page = target.api().findUsers(filter, 1, 2);
        Pager.requireListResponse(target, "user lookup", page);
        int size = page.resources().size();
        if (page.totalResults() == 0 && size == 0) {
            return Optional.empty();
        }
        if (page.totalResults() == 1 && size == 1 && sameUserName(page.resources().get(0).userName(), userName)
                && hasId(page.resources().get(0).id())) {
            return Optional.of(page.resources().get(0));
        }
        throw new IdentityMismatchException(target.name(), "user lookup for employee " + employeeId + " returned "
                + describe(page, size, userName) + "; refusing to write to any of them");
    }

    /**
     * Where the account of {@code link} went after its stored id answered 404: a 404 alone does not prove it gone,
     * the app may have re-created it under a new id. Asks for the link's userName and for the employee id as
     * externalId (on a target that keeps no externalId, for the userName only); both are matched exactly
     * client-side, whatever the server's filter let through. Empty only when neither finds anything; the one
     * account both point at when it has the link's userName and the employee id; anything else is someone else's
     * or ambiguous, and an {@link IdentityMismatchException}.
     */
    static Optional<ScimUser> relocated(Target target, AccountLink link) {
        Map<String, ScimUser> found = new LinkedHashMap<>();
        userByName(target, link.employeeId(), link.userName()).ifPresent(u -> found.put(u.id(), u));
        if (target.dialect().capabilities().storesExternalId()) {
            usersByExternalId(target, link.employeeId()).forEach(u -> found.put(String.valueOf(u.id()), u));
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ScimUser only = found.values().iterator().next();
        boolean ours = found.size() == 1 && hasId(only.id()) && sameUserName(only.userName(), link.userName())
                && link.employeeId().equals(only.externalId());
        if (!ours) {
            throw new IdentityMismatchException(target.name(), "account " + link.scimId() + " stored for employee "
                    + link.employeeId() + " answered 404, and lookups by its userName and employee id found "
                    + found.size() + " account(s) not provably the employee's; not treating it as gone, no write");
        }
        if (only.id().equals(link.scimId())) {
            throw new RetryLaterException(target.name(), "account " + link.scimId() + " of employee " + link.employeeId()
                    + " answered 404 but lookups still list it; not treating it as gone yet", null);
        }
        return Optional.of(only);
    }

    /** The one group whose displayName equals {@code displayName} (case-insensitively). */
    static ScimGroup groupByName(Target target, String displayName) {
        ScimFilter filter = ScimFilter.eq("displayName", displayName);
        // every dialect filters groups client-side too: Coginiti ignores displayName filters and lists all groups
        List<ScimGroup> all = Pager.collect(target, "group lookup", start -> target.api().findGroups(filter, start, Pager.PAGE_SIZE), ScimGroup::id);
        List<ScimGroup> exact = all.stream().filter(g -> g.displayName() != null && g.displayName().equalsIgnoreCase(displayName)).toList();
        if (exact.size() != 1 || !hasId(exact.get(0).id())) {
            throw new UnknownGroupException(target.name(), exact.isEmpty()
                    ? "no group named '" + displayName + "'"
                    : exact.size() + " groups named '" + displayName + "'; refusing to pick one");
        }
        return exact.get(0);
    }

    static boolean sameUserName(String actual, String expected) {
        // userName is caseExact:false (RFC 7643); no trimming, no prefix match
        return actual != null && actual.equalsIgnoreCase(expected);
    }

    /** Every user whose externalId is exactly {@code externalId} (caseExact), whatever else the filter let through. */
    private static List<ScimUser> usersByExternalId(Target target, String externalId) {
        ScimFilter filter = ScimFilter.eq("externalId", externalId);
        return Pager.collect(target, "externalId lookup", start -> target.api().findUsers(filter, start, Pager.PAGE_SIZE), ScimUser::id)
                .stream().filter(u -> externalId.equals(u.externalId())).toList();
    }

    private static Optional<ScimUser> single(Target target, String employeeId, List<ScimUser> exact) {
        if (exact.isEmpty()) {
            return Optional.empty();
        }
        if (exact.size() == 1 && hasId(exact.get(0).id())) {
            return Optional.of(exact.get(0));
        }
        throw new IdentityMismatchException(target.name(), "user lookup for employee " + employeeId + " found "
                + exact.size() + " users with that exact userName; refusing to write to any of them");
    }

    private static boolean hasId(String id) {
        return id != null && !id.isBlank();
    }

    private static String describe(ListResponse<ScimUser> page, int size, String userName) {
        long exact = page.resources().stream().filter(u -> sameUserName(u.userName(), userName)).count();
        return size + " resources (totalResults " + page.totalResults() + ", " + exact + " with that exact userName)";
    }
}
