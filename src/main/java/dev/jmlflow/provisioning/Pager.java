package dev.jmlflow.provisioning;

import dev.jmlflow.scim.ListResponse;
import dev.jmlflow.scim.ScimException;
import dev.jmlflow.targets.Target;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** The one way jmlflow reads a list from a target: every page, checked, or a failure (R-ID-7). */
final class Pager {

    static final int PAGE_SIZE = 100;
    static final int MAX_PAGES = 100;

    private Pager() {
    }

    /**
     * Reads every page of a list. A server that ignores paging (repeats a page) or whose paging is untrusted and
     * that does not answer everything in one page fails the lookup rather than looping or skipping (R-ID-7).
     */
    static <T> List<T> collect(Target target, String what, Function<Integer, ListResponse<T>> fetch,
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
            if (!target.dialect().capabilities().pagingReliable()) {
                throw new IdentityMismatchException(target.name(), what + " returned a partial list ("
                        + all.size() + " of " + page.totalResults() + ") and paging is not reliable on this target");
            }
            start += page.resources().size();
        }
        throw new IdentityMismatchException(target.name(), what + " did not end after " + MAX_PAGES + " pages");
    }

    static void requireListResponse(Target target, String what, ListResponse<?> page) {
        if (page == null || !page.declaresListResponseSchema() || page.totalResults() == null) {
            throw new ScimException.ProtocolViolation(200, "target " + target.name() + ": " + what
                    + " did not answer with a SCIM ListResponse (schemas/totalResults missing)");
        }
    }
}
