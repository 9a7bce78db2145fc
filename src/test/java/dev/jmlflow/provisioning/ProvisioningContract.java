package dev.jmlflow.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jmlflow.scim.ScimApi;
import dev.jmlflow.scim.ScimFilter;
import dev.jmlflow.scim.ScimSchemas;
import dev.jmlflow.scim.ScimUser;
import dev.jmlflow.targets.Dialect;
import dev.jmlflow.targets.Target;
import dev.jmlflow.testpeers.ScimPeer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every provisioning operation against a real SCIM server written by someone else, on each database the link store
 * runs on. Each operation is shown to be idempotent: run twice, and re-run after a crash between the remote call and
 * the local commit.
 */
abstract class ProvisioningContract {

    abstract ScimPeer peer();

    abstract TestDatabase database();

    private ScimApi raw;
    private IdentityLinkStore store;
    private ProvisioningService service;
    private Target target;
    /** A transaction like the one a Camunda job runs the operation in. */
    private TransactionTemplate job;

    @BeforeEach
    void setUp() {
        raw = Fixtures.client(peer().baseUrl(), peer().token());
        target = Fixtures.target("app", Dialect.GENERIC, Fixtures.client(peer().baseUrl(), peer().token()));
        DataSource db = database().migrated();
        store = Fixtures.linkStore(db);
        job = new TransactionTemplate(new DataSourceTransactionManager(db));
        service = Fixtures.service(target, store, Fixtures.FAST);
    }

    @Test
    void ensureUserCreatesOneActiveAccountCarryingTheEmployeeIdAsExternalId() {
        Employee e = Fixtures.employee(Fixtures.unique());

        AccountLink link = service.ensureUser("app", e);

        ScimUser stored = raw.getUser(link.scimId());
        assertThat(stored.externalId()).isEqualTo(e.employeeId());
        assertThat(stored.isActive()).isTrue();
        assertThat(link.origin()).isEqualTo(AccountOrigin.CREATED);
        assertThat(store.find("app", e.employeeId())).contains(link);
    }

    @Test
    void anAddressWithAnApostropheAndAPlusIsProvisionedAndFoundAgainByItsUserName() {
        String suffix = Fixtures.unique();
        Employee e = new Employee("E" + suffix, "zoe.o'brien+" + suffix + "@example.com", "Zoë", "O'Brien",
                "Engineering", "Engineer", "mgr1");

        AccountLink created = service.ensureUser("app", e);
        store.forget("app", e.employeeId());
        AccountLink again = service.ensureUser("app", e);

        assertThat(raw.getUser(created.scimId()).userName()).isEqualTo(e.userName());
        assertThat(again.scimId()).as("looked up by userName, not created twice").isEqualTo(created.scimId());
        assertThat(accountsNamed(e.userName())).isEqualTo(1);
    }

    @Test
    void ensureUserTwiceLeavesExactlyOneAccount() {
        Employee e = Fixtures.employee(Fixtures.unique());

        AccountLink first = service.ensureUser("app", e);
        AccountLink second = service.ensureUser("app", e);

        assertThat(second.scimId()).isEqualTo(first.scimId());
        assertThat(accountsNamed(e.userName())).isEqualTo(1);
    }

    @Test
    void ensureUserAfterACrashBeforeTheLinkWasSavedAdoptsTheAccountItCreated() {
        Employee e = Fixtures.employee(Fixtures.unique());
        IdentityLinkStore crashingOnce = crashingOnceBeforeSave();
        ProvisioningService crashing = Fixtures.service(target, crashingOnce, Fixtures.FAST);

        assertThatThrownBy(() -> crashing.ensureUser("app", e)).hasMessageContaining("simulated crash");
        AccountLink link = crashing.ensureUser("app", e);

        assertThat(accountsNamed(e.userName())).isEqualTo(1);
        assertThat(link.origin()).isEqualTo(AccountOrigin.CREATED);
    }

    @Test
    void reactivatingAnUnlinkedAccountOfOursLeavesAMarkALeaverCoversWhenTheJobDiesBeforeTheLinkIsSaved() {
        Employee e = Fixtures.employee(Fixtures.unique());
        service.ensureUser("app", e);
        service.deactivate("app", e.employeeId());
        store.forget("app", e.employeeId());
        IdentityLinkStore crashingOnce = crashingOnceBeforeSave();

        assertThatThrownBy(() -> Fixtures.service(target, crashingOnce, Fixtures.FAST).ensureUser("app", e))
                .hasMessageContaining("simulated crash");

        assertThat(crashingOnce.pendingCreate("app", e.employeeId())).as("the write a leaver must cover").isPresent();
    }

    @Test
    void ensureUserRerunAfterItsTransactionRolledBackStillKnowsItCreatedTheAccount() {
        Employee e = Fixtures.employee(Fixtures.unique());
        DataSource database = database().migrated();
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(database);
        ProvisioningService inJob = Fixtures.service(target, Fixtures.linkStore(database), Fixtures.FAST);

        // as a Camunda job whose transaction dies after the remote create, before the commit
        assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
            inJob.ensureUser("app", e);
            throw new IllegalStateException("simulated crash before commit");
        })).hasMessageContaining("simulated crash");
        AccountLink link = new TransactionTemplate(transactions).execute(status -> inJob.ensureUser("app", e));

        assertThat(accountsNamed(e.userName())).isEqualTo(1);
        assertThat(link.origin()).as("compensation may undo it: this request created it").isEqualTo(AccountOrigin.CREATED);
    }

    @Test
    void ensureUserAfterTheLinkRowWasLostAdoptsTheAccountInsteadOfCreatingASecond() {
        Employee e = Fixtures.employee(Fixtures.unique());
        AccountLink created = service.ensureUser("app", e);
        store.forget("app", e.employeeId());

        AccountLink again = service.ensureUser("app", e);

        assertThat(again.scimId()).isEqualTo(created.scimId());
        assertThat(again.origin()).isEqualTo(AccountOrigin.ADOPTED);
        assertThat(accountsNamed(e.userName())).isEqualTo(1);
    }

    @Test
    void ensureUserRefusesAnExistingAccountThatIsNotOurs() {
        Employee e = Fixtures.employee(Fixtures.unique());
        raw.createUser(user(e.userName(), "someone-else-" + Fixtures.unique()));

        assertThatThrownBy(() -> service.ensureUser("app", e)).isInstanceOf(AccountConflictException.class);

        assertThat(accountsNamed(e.userName())).isEqualTo(1);
        assertThat(store.find("app", e.employeeId())).isEmpty();
    }

    @Test
    void ensureUserForAnEmployeeIdLinkedToAnotherPersonIsAConflictAndChangesNothing() {
        Employee e = Fixtures.employee(Fixtures.unique());
        AccountLink link = service.ensureUser("app", e);
        Employee typo = new Employee(e.employeeId(), "someone.else." + Fixtures.unique() + "@example.com", "Bob", "Other",
                "Sales", "Rep", "mgr2");

        assertThatThrownBy(() -> service.ensureUser("app", typo)).isInstanceOf(AccountConflictException.class)
                .hasMessageContaining("employee " + e.employeeId()).hasMessageContaining("another userName");

        ScimUser existing = raw.getUser(link.scimId());
        assertThat(existing.userName()).isEqualTo(e.userName());
        assertThat(existing.name().familyName()).isEqualTo(e.familyName());
        assertThat(accountsNamed(typo.userName())).isZero();
        assertThat(store.find("app", e.employeeId())).contains(link);
    }

    @Test
    void ensureUserRehiresADeactivatedAccount() {
        Employee e = Fixtures.employee(Fixtures.unique());
        String id = raw.createUser(user(e.userName(), e.employeeId()).withActive(false)).id();

        AccountLink link = service.ensureUser("app", e);

        assertThat(link.scimId()).isEqualTo(id);
        assertThat(link.origin()).isEqualTo(AccountOrigin.REACTIVATED);
        assertThat(raw.getUser(id).isActive()).isTrue();
    }

    @Test
    void ensureUserInAJobTransactionReplacesAnAccountThatIsGoneWithoutWaitingForItsOwnLock() {
        Employee e = Fixtures.employee(Fixtures.unique());
        String goneId = raw.createUser(user(e.userName(), e.employeeId())).id();
        store.save(new AccountLink("app", e.employeeId(), goneId, e.userName(), AccountOrigin.CREATED, LinkState.DEACTIVATED, Instant.now()));
        raw.deleteUser(goneId);

        AccountLink link = job.execute(status -> service.ensureUser("app", e));

        assertThat(link.scimId()).isNotEqualTo(goneId);
        assertThat(raw.getUser(link.scimId()).isActive()).isTrue();
        assertThat(store.find("app", e.employeeId())).contains(link);
        assertThat(accountsNamed(e.userName())).isEqualTo(1);
    }

    @Test
    void ensureUserUsesTheAccountTheAppRecreatedUnderANewId() {
        Employee e = Fixtures.employee(Fixtures.unique());
        String oldId = service.ensureUser("app", e).scimId();
        raw.deleteUser(oldId);
        String newId = raw.createUser(user(e.userName(), e.employeeId())).id();

        AccountLink link = job.execute(status -> service.ensureUser("app", e));

        assertThat(link.scimId()).isEqualTo(newId);
        assertThat(store.find("app", e.employeeId())).contains(link);
        assertThat(accountsNamed(e.userName())).isEqualTo(1);
    }

    @Test
    void addMembershipTwiceGivesOneMembership() {
        Employee e = Fixtures.employee(Fixtures.unique());
        String group = "eng-" + Fixtures.unique();
        String groupId = peer().seedGroup(group);
        AccountLink link = service.ensureUser("app", e);

        service.addMembership("app", e.employeeId(), e.userName(), group);
        service.addMembership("app", e.employeeId(), e.userName(), group);

        assertThat(raw.getGroup(groupId).memberList()).filteredOn(m -> link.scimId().equals(m.value())).hasSize(1);
        assertThat(service.currentGroups("app", e.employeeId())).contains(group);
    }

    /** Issue 11: at most 4 + 2 x groups SCIM calls per joiner per target, verification included (once group ids are known). */
    @Test
    void aJoinerWithTwoGroupsTakesAtMostEightScimCallsOnceTheGroupsAreKnown() {
        CountingScimApi counting = new CountingScimApi(Fixtures.client(peer().baseUrl(), peer().token()));
        ProvisioningService counted = Fixtures.service(Fixtures.target("app", Dialect.GENERIC, counting.api()), store, Fixtures.FAST);
        List<String> groups = List.of("calls-a-" + Fixtures.unique(), "calls-b-" + Fixtures.unique());
        groups.forEach(peer()::seedGroup);
        joinWithGroups(counted, Fixtures.employee(Fixtures.unique()), groups);
        Employee joiner = Fixtures.employee(Fixtures.unique());
        counting.reset();

        AccountLink link = joinWithGroups(counted, joiner, groups);

        assertThat(counting.calls()).isLessThanOrEqualTo(4 + 2 * groups.size());
        assertThat(counted.currentGroups("app", joiner.employeeId())).containsAll(groups);
        assertThat(raw.getUser(link.scimId()).externalId()).isEqualTo(joiner.employeeId());
    }

    private static AccountLink joinWithGroups(ProvisioningService service, Employee e, List<String> groups) {
        AccountLink link = service.ensureUser("app", e);
        groups.forEach(g -> service.addMembership("app", e.employeeId(), e.userName(), g));
        return link;
    }

    @Test
    void removeMembershipTwiceLeavesTheUserOutOfTheGroup() {
        Employee e = Fixtures.employee(Fixtures.unique());
        String group = "ops-" + Fixtures.unique();
        String groupId = peer().seedGroup(group);
        AccountLink link = service.ensureUser("app", e);
        service.addMembership("app", e.employeeId(), e.userName(), group);

        service.removeMembership("app", e.employeeId(), e.userName(), group);
        service.removeMembership("app", e.employeeId(), e.userName(), group);

        assertThat(raw.getGroup(groupId).hasMember(link.scimId())).isFalse();
        assertThat(service.currentGroups("app", e.employeeId())).doesNotContain(group);
    }

    @Test
    void membershipChangesNeverTouchAnAccountLinkedUnderAnotherUserNameThanTheRequests() {
        Employee e = Fixtures.employee(Fixtures.unique());
        String group = "fin-" + Fixtures.unique();
        String groupId = peer().seedGroup(group);
        AccountLink link = service.ensureUser("app", e);
        String typo = "someone.else." + Fixtures.unique() + "@example.com";

        assertThatThrownBy(() -> service.addMembership("app", e.employeeId(), typo, group))
                .isInstanceOf(IdentityMismatchException.class).hasMessageContaining("another userName");

        assertThat(raw.getGroup(groupId).hasMember(link.scimId())).isFalse();
    }

    @Test
    void membershipOfAnUnknownGroupIsRefused() {
        Employee e = Fixtures.employee(Fixtures.unique());
        service.ensureUser("app", e);

        assertThatThrownBy(() -> service.addMembership("app", e.employeeId(), e.userName(), "no-such-group-" + Fixtures.unique()))
                .isInstanceOf(UnknownGroupException.class);
    }

    @Test
    void updateAttributesTwiceLeavesTheNewValues() {
        Employee e = Fixtures.employee(Fixtures.unique());
        AccountLink link = service.ensureUser("app", e);
        Employee moved = new Employee(e.employeeId(), e.userName(), "Ada", "Byron", "Research", "Principal", "mgr2");

        service.updateAttributes("app", moved);
        service.updateAttributes("app", moved);

        ScimUser stored = raw.getUser(link.scimId());
        assertThat(stored.name().familyName()).isEqualTo("Byron");
        assertThat(stored.title()).isEqualTo("Principal");
    }

    @Test
    void deactivateTwiceLeavesOneInactiveAccount() {
        Employee e = Fixtures.employee(Fixtures.unique());
        AccountLink link = service.ensureUser("app", e);

        service.deactivate("app", e.employeeId());
        service.deactivate("app", e.employeeId());

        assertThat(raw.getUser(link.scimId()).active()).isFalse();
        assertThat(store.find("app", e.employeeId())).get().extracting(AccountLink::state).isEqualTo(LinkState.DEACTIVATED);
    }

    @Test
    void deactivateRerunAfterACrashBeforeTheLinkWasSavedConverges() {
        Employee e = Fixtures.employee(Fixtures.unique());
        AccountLink link = service.ensureUser("app", e);
        raw.patchUser(link.scimId(), dev.jmlflow.scim.PatchRequest.of(dev.jmlflow.scim.PatchOperation.replace("active", false)));

        service.deactivate("app", e.employeeId());

        assertThat(raw.getUser(link.scimId()).active()).isFalse();
        assertThat(store.find("app", e.employeeId())).get().extracting(AccountLink::state).isEqualTo(LinkState.DEACTIVATED);
    }

    @Test
    void deactivateNeverTouchesAnAccountThatNoLongerBelongsToTheEmployee() {
        Employee e = Fixtures.employee(Fixtures.unique());
        Employee other = Fixtures.employee(Fixtures.unique());
        service.ensureUser("app", e);
        String othersId = raw.createUser(user(other.userName(), other.employeeId())).id();
        store.save(new AccountLink("app", e.employeeId(), othersId, e.userName(), AccountOrigin.CREATED, LinkState.ACTIVE, Instant.now()));

        assertThatThrownBy(() -> service.deactivate("app", e.employeeId())).isInstanceOf(IdentityMismatchException.class);

        assertThat(raw.getUser(othersId).isActive()).isTrue();
    }

    @Test
    void deactivateOfAnAccountTheAppRecreatedUnderANewIdRelinksAndDeactivatesIt() {
        Employee e = Fixtures.employee(Fixtures.unique());
        String oldId = service.ensureUser("app", e).scimId();
        raw.deleteUser(oldId);
        String newId = raw.createUser(user(e.userName(), e.employeeId())).id();

        service.deactivate("app", e.employeeId());

        assertThat(raw.getUser(newId).active()).isFalse();
        assertThat(store.find("app", e.employeeId())).get()
                .satisfies(l -> assertThat(l.scimId()).isEqualTo(newId))
                .satisfies(l -> assertThat(l.state()).isEqualTo(LinkState.DEACTIVATED));
    }

    @Test
    void deactivateOfAMissingAccountWhoseUserNameNowBelongsToSomeoneElseWritesNothing() {
        Employee e = Fixtures.employee(Fixtures.unique());
        String othersId = raw.createUser(user(e.userName(), "someone-else-" + Fixtures.unique())).id();
        AccountLink link = new AccountLink("app", e.employeeId(), "gone-" + Fixtures.unique(), e.userName(),
                AccountOrigin.CREATED, LinkState.ACTIVE, Instant.now().truncatedTo(ChronoUnit.MICROS));
        store.save(link);

        assertThatThrownBy(() -> service.deactivate("app", e.employeeId())).isInstanceOf(IdentityMismatchException.class);

        assertThat(raw.getUser(othersId).isActive()).isTrue();
        assertThat(store.find("app", e.employeeId())).contains(link);
    }

    @Test
    void reactivateTwiceLeavesAnActiveAccount() {
        Employee e = Fixtures.employee(Fixtures.unique());
        AccountLink link = service.ensureUser("app", e);
        service.deactivate("app", e.employeeId());

        service.reactivate("app", e.employeeId());
        service.reactivate("app", e.employeeId());

        assertThat(raw.getUser(link.scimId()).isActive()).isTrue();
    }

    @Test
    void deleteTwiceRemovesTheAccountOnce() {
        Employee e = Fixtures.employee(Fixtures.unique());
        service.ensureUser("app", e);

        service.delete("app", e.employeeId());
        service.delete("app", e.employeeId());

        assertThat(accountsNamed(e.userName())).isZero();
        assertThat(store.find("app", e.employeeId())).get().extracting(AccountLink::state).isEqualTo(LinkState.DELETED);
    }

    @Test
    void deleteRerunAfterACrashBeforeTheLinkWasSavedTreatsTheMissingAccountAsGone() {
        Employee e = Fixtures.employee(Fixtures.unique());
        AccountLink link = service.ensureUser("app", e);
        raw.deleteUser(link.scimId());

        service.delete("app", e.employeeId());

        assertThat(store.find("app", e.employeeId())).get().extracting(AccountLink::state).isEqualTo(LinkState.DELETED);
    }

    @Test
    void undoCreatedAccountDeactivatesWhatWeCreated() {
        Employee e = Fixtures.employee(Fixtures.unique());
        AccountLink link = service.ensureUser("app", e);

        service.undoCreatedAccount("app", e.employeeId());
        service.undoCreatedAccount("app", e.employeeId());

        assertThat(raw.getUser(link.scimId()).active()).isFalse();
    }

    @Test
    void undoCreatedAccountLeavesAnAdoptedAccountAlone() {
        Employee e = Fixtures.employee(Fixtures.unique());
        String id = raw.createUser(user(e.userName(), e.employeeId())).id();
        assertThat(service.ensureUser("app", e).origin()).isEqualTo(AccountOrigin.ADOPTED);

        service.undoCreatedAccount("app", e.employeeId());

        assertThat(raw.getUser(id).isActive()).isTrue();
    }

    @Test
    void theCapabilityProbeFindsTheServerFilterSafe() {
        assertThat(target.refreshCapabilities()).satisfies(c -> {
            assertThat(c.reachable()).isTrue();
            assertThat(c.filterSafe()).isTrue();
        });
    }

    @Test
    void filterInjectionNeverMatchesMoreThanOneUser() {
        String a = "inj-a-" + Fixtures.unique() + "@example.com";
        String b = "inj-b-" + Fixtures.unique() + "@example.com";
        raw.createUser(user(a, "X" + Fixtures.unique()));
        raw.createUser(user(b, "X" + Fixtures.unique()));
        List<String> corpus = List.of(
                a + "\" or userName pr or userName eq \"" + b,
                a + "\\\" or userName pr or userName eq \\\"" + b,
                a + "\" or userName sw \"",
                "\" or \"\" eq \"",
                a + "\") or (userName pr",
                a + "%22 or userName pr",
                "*",
                a + "\\",
                "\\\"");

        for (String value : corpus) {
            assertThat(matches(value)).as("lookup of %s", value).isLessThanOrEqualTo(1);
        }
    }

    /** Users a filter for {@code value} finds; a server that refuses the escaped value (SCIM-SDK #913) finds none. */
    private int matches(String value) {
        try {
            return raw.findUsers(ScimFilter.eq("userName", value), 1, 10).resources().size();
        } catch (dev.jmlflow.scim.ScimException.InvalidFilter refused) {
            return 0;
        }
    }

    private long accountsNamed(String userName) {
        return raw.findUsers(ScimFilter.eq("userName", userName), 1, 10).resources().size();
    }

    private static ScimUser user(String userName, String externalId) {
        return new ScimUser(List.of(ScimSchemas.USER), null, externalId, userName, new ScimUser.Name("Some", "One", null),
                "Some One", List.of(new ScimUser.Email(userName, "work", true)), true, null, null, null, null);
    }

    /** A link store whose first save dies as a crash before the commit would. */
    private IdentityLinkStore crashingOnceBeforeSave() {
        DataSource database = database().migrated();
        return new IdentityLinkStore(database, new DataSourceTransactionManager(database)) {
            private final AtomicBoolean crashed = new AtomicBoolean();

            @Override
            public void save(AccountLink link) {
                if (crashed.compareAndSet(false, true)) {
                    throw new IllegalStateException("simulated crash before commit");
                }
                super.save(link);
            }
        };
    }
}
