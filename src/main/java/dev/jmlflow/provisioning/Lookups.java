package dev.jmlflow.provisioning;

import dev.jmlflow.scim.ListResponse;
import dev.jmlflow.scim.ScimException;
import dev.jmlflow.scim.ScimFilter;
import dev.jmlflow.scim.ScimGroup;
import dev.jmlflow.scim.ScimUser;
import dev.jmlflow.target.Target;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Filter lookups that may pick a resource to write to (R-ID-3). A lookup answers "absent", exactly one exact
 * match, or throws: duplicates, a different user, a count that disagrees with {@code totalResults} or a page
 * that is not a SCIM ListResponse never lead to a write. Messages never quote the looked-up value (an email).
 */
final class Lookups {

    static final int PAGE_SIZE = 100;
    static final int MAX_PAGES = 100;

    private Lookups() {
    }

    /** The one user whose userName equals {@code userName} (case-insensitively), or empty when there is none. */
    static Optional<ScimUser> userByName(Target target, String employeeId, String userName) {
        ScimFilter filter = ScimFilter.eq("userName", userName);
        if (target.dialect().clientSideFiltering()) {
            List<ScimUser> all = collect(target, "user lookup", (start) -> target.api().findUsers(filter, start, PAGE_SIZE), ScimUser::id);
            return single(target, employeeId, all.stream().filter(u -> sameUserName(u.userName(), userName)).toList());
        }
        ListResponse<ScimUser> page = target.api().findUsers(filter, 1, 2);
        requireListResponse(target, "user lookup", page);
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

    /** The one group whose displayName equals {@code displayName} (case-insensitively). */
    static ScimGroup groupByName(Target target, String displayName) {
        ScimFilter filter = ScimFilter.eq("displayName", displayName);
        // every dialect filters groups client-side too: Coginiti ignores displayName filters and lists all groups
        List<ScimGroup> all = collect(target, "group lookup", start -> target.api().findGroups(filter, start, PAGE_SIZE), ScimGroup::id);
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

    /**
     * Reads every page of a list. A server that ignores paging (repeats a page) or whose paging is untrusted and
     * that does not answer everything in one page fails the lookup rather than looping or skipping (R-ID-7).
     */
    private static <T> List<T> collect(Target target, String what, Function<Integer, ListResponse<T>> fetch,
                                       Function<T, String> id) {
        List<T> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int start = 1;
        for (int pageNo = 0; pageNo < MAX_PAGES; pageNo++) {
            ListResponse<T> page = fetch.apply(start);
            requireListResponse(target, what, page);
            for (T resource : page.resources()) {
                if (!seen.add(String.valueOf(id.apply(resource)))) {
                    throw new IdentityMismatchException(target.name(), what + " returned the same resource twice "
                            + "(duplicates, or paging ignored); refusing to use it");
                }
                all.add(resource);
            }
            if (all.size() >= page.totalResults() || page.resources().isEmpty()) {
                if (all.size() != page.totalResults()) {
                    throw new IdentityMismatchException(target.name(), what + " returned " + all.size()
                            + " resources but totalResults " + page.totalResults() + "; refusing to use it");
                }
                return all;
            }
            if (!target.dialect().pagingReliable()) {
                throw new IdentityMismatchException(target.name(), what + " returned a partial list ("
                        + all.size() + " of " + page.totalResults() + ") and paging is not reliable on this target");
            }
            start += page.resources().size();
        }
        throw new IdentityMismatchException(target.name(), what + " did not end after " + MAX_PAGES + " pages");
    }

    private static void requireListResponse(Target target, String what, ListResponse<?> page) {
        if (page == null || !page.declaresListResponseSchema() || page.totalResults() == null) {
            throw new ScimException.ProtocolViolation(200, "target " + target.name() + ": " + what
                    + " did not answer with a SCIM ListResponse (schemas/totalResults missing)");
        }
    }

    private static boolean hasId(String id) {
        return id != null && !id.isBlank();
    }

    private static String describe(ListResponse<ScimUser> page, int size, String userName) {
        long exact = page.resources().stream().filter(u -> sameUserName(u.userName(), userName)).count();
        return size + " resources (totalResults " + page.totalResults() + ", " + exact + " with that exact userName)";
    }
}
