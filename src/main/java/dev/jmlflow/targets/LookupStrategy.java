package dev.jmlflow.targets;

/**
 * How far a target's filters can be trusted. {@link #FILTERS}: an {@code eq} lookup answers exactly the matches, so
 * one page of two tells "none", "the one" or "ambiguous", and a {@code members[value eq ...]} filter can prove a
 * membership. {@link #USERNAME_EQ_ONLY}: only {@code userName eq} narrows anything and other filters answer every
 * resource, so every page of an answer is read and matched exactly client-side, and a membership can only be read
 * from the group itself.
 */
public enum LookupStrategy {

    FILTERS(false, true),
    USERNAME_EQ_ONLY(true, false);

    private final boolean readsEveryPage;
    private final boolean filtersMembers;

    LookupStrategy(boolean readsEveryPage, boolean filtersMembers) {
        this.readsEveryPage = readsEveryPage;
        this.filtersMembers = filtersMembers;
    }

    /** Whether a userName lookup reads every page and keeps the exact matches, instead of trusting the count. */
    public boolean readsEveryPage() {
        return readsEveryPage;
    }

    /** Whether a filter on {@code members} is applied by the target, so that it can prove a membership. */
    public boolean filtersMembers() {
        return filtersMembers;
    }
}
