package dev.jmlflow.sandbox.scimserver;

import de.captaingoldfish.scim.sdk.common.exceptions.ConflictException;
import de.captaingoldfish.scim.sdk.common.resources.Group;
import de.captaingoldfish.scim.sdk.common.resources.ResourceNode;
import de.captaingoldfish.scim.sdk.common.resources.ServiceProvider;
import de.captaingoldfish.scim.sdk.common.resources.User;
import de.captaingoldfish.scim.sdk.common.resources.complex.FilterConfig;
import de.captaingoldfish.scim.sdk.common.resources.multicomplex.Member;
import de.captaingoldfish.scim.sdk.server.endpoints.ResourceEndpoint;
import de.captaingoldfish.scim.sdk.server.endpoints.base.GroupEndpointDefinition;
import de.captaingoldfish.scim.sdk.server.endpoints.base.UserEndpointDefinition;
import de.captaingoldfish.scim.sdk.server.filter.FilterNode;
import de.captaingoldfish.scim.sdk.server.filter.resources.FilterResourceResolver;
import de.captaingoldfish.scim.sdk.server.schemas.ResourceType;
import de.captaingoldfish.scim.sdk.server.utils.RequestUtils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The store's filtered lists answer exactly what the SCIM-SDK's filter over every stored resource answers (the
 * behaviour before the index), for each filter kind jmlflow sends and a few it does not; the index follows every
 * write; uniqueness is still refused as {@code uniqueness}.
 */
class MemoryHandlerTest {

    /** With case variants (dotted I, long s, sharp s, Kelvin sign) on which lower-casing and equalsIgnoreCase disagree. */
    private static final List<String> USER_NAMES = List.of("alice@example.com", "ALICE.b@example.com", "bob",
        "İrem", "irem2", "ſtate", "straße", "KELVIN", "o'brien+x", "Zoë");

    private final ServiceProvider serviceProvider = ServiceProvider.builder()
        .filterConfig(FilterConfig.builder().supported(true).maxResults(1000).build()).build();
    private final UserHandler users = new UserHandler();
    private final GroupHandler groups = new GroupHandler(users);
    private ResourceType userType;
    private ResourceType groupType;

    @BeforeEach
    void register() {
        ResourceEndpoint endpoint = new ResourceEndpoint(serviceProvider);
        userType = endpoint.registerEndpoint(new UserEndpointDefinition(users));
        groupType = endpoint.registerEndpoint(new GroupEndpointDefinition(groups));
        for (int i = 0; i < USER_NAMES.size(); i++) {
            users.createResource(User.builder().userName(USER_NAMES.get(i)).externalId("E-" + (i % 3)).build(), null);
        }
    }

    @Test
    void userFiltersAnswerWhatAScanAnswers() {
        String someId = users.snapshot().get(3).getId().orElseThrow();
        List<String> filters = List.of("userName eq \"alice@example.com\"", "userName eq \"ALICE@EXAMPLE.COM\"",
            "userName eq \"irem\"", "userName eq \"i̇rem\"", "userName eq \"STRASSE\"", "userName eq \"State\"", "userName eq \"kelvin\"",
            "userName eq \"\u212Aelvin\"", "userName eq \"O'BRIEN+X\"", "userName eq \"zoË\"", "userName eq \"nobody\"",
            "externalId eq \"E-1\"", "externalId eq \"e-1\"", "id eq \"" + someId + "\"",
            "id eq \"" + someId.toUpperCase() + "\"", "urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"bob\"",
            "userName eq \"bob\" and externalId eq \"E-2\"", "userName eq \"bob\" and externalId eq \"E-1\"",
            "externalId eq \"E-0\" and userName sw \"a\"", "userName eq \"bob\" or userName eq \"zoë\"",
            "not (userName eq \"bob\")", "userName sw \"A\"", "userName co \"e\"", "userName ne \"bob\"",
            "userName pr", "externalId eq \"E-0\" and not (userName eq \"alice@example.com\")");

        filters.forEach(filter -> assertThat(listed(users, userType, filter)).as(filter)
            .isEqualTo(scanned(users, userType, filter)));
    }

    @Test
    void groupFiltersAnswerWhatAScanAnswers() {
        String userId = users.snapshot().get(0).getId().orElseThrow();
        String member = groups.createResource(group("Engineering", userId), null).getId().orElseThrow();
        String other = groups.createResource(group("Sales"), null).getId().orElseThrow();
        List<String> filters = List.of("displayName eq \"engineering\"", "displayName eq \"SALES\"",
            "id eq \"" + member + "\"", "id eq \"" + member + "\" and members[value eq \"" + userId + "\"]",
            "id eq \"" + other + "\" and members[value eq \"" + userId + "\"]",
            "id eq \"" + member + "\" and members.value eq \"" + userId + "\"", "members[value eq \"" + userId + "\"]",
            "displayName sw \"s\"");

        filters.forEach(filter -> assertThat(listed(groups, groupType, filter)).as(filter)
            .isEqualTo(scanned(groups, groupType, filter)));
    }

    @Test
    void aReplacedUserIsListedByItsNewValuesOnly() {
        User bob = users.snapshot().get(2);
        users.updateResource(User.builder().id(bob.getId().orElseThrow()).userName("robert").externalId("E-9").build(), null);

        assertThat(listed(users, userType, "userName eq \"Robert\"")).containsExactly(bob.getId().orElseThrow());
        assertThat(listed(users, userType, "externalId eq \"E-9\"")).containsExactly(bob.getId().orElseThrow());
        assertThat(listed(users, userType, "userName eq \"bob\"")).isEmpty();
        assertThat(listed(users, userType, "externalId eq \"E-2\"")).isEqualTo(scanned(users, userType, "externalId eq \"E-2\""))
            .doesNotContain(bob.getId().orElseThrow());
    }

    @Test
    void aUserMovedToASharedValueKeepsItsPlaceInTheList() {
        User first = users.snapshot().get(0);
        users.updateResource(User.builder().id(first.getId().orElseThrow()).userName("alice@example.com").externalId("E-2").build(), null);

        assertThat(listed(users, userType, "externalId eq \"E-2\"")).isEqualTo(scanned(users, userType, "externalId eq \"E-2\""))
            .startsWith(first.getId().orElseThrow());
    }

    @Test
    void aDeletedUserIsListedByNoValue() {
        User bob = users.snapshot().get(2);
        users.deleteResource(bob.getId().orElseThrow(), null);

        assertThat(listed(users, userType, "userName eq \"bob\"")).isEmpty();
        assertThat(listed(users, userType, "id eq \"" + bob.getId().orElseThrow() + "\"")).isEmpty();
        assertThat(listed(users, userType, "externalId eq \"E-2\"")).isEqualTo(scanned(users, userType, "externalId eq \"E-2\""));
    }

    @Test
    void aTakenUserNameInAnotherCaseIsRefusedAsNotUnique() {
        User duplicate = User.builder().userName("BOB").build();

        assertThatThrownBy(() -> users.createResource(duplicate, null))
            .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.getScimType()).isEqualTo("uniqueness"))
            .hasMessage("userName 'bob' is already taken");
    }

    @Test
    void aDeletedUsersUserNameCanBeTakenAgain() {
        users.deleteResource(users.snapshot().get(2).getId().orElseThrow(), null);

        User again = users.createResource(User.builder().userName("Bob").build(), null);

        assertThat(listed(users, userType, "userName eq \"bob\"")).containsExactly(again.getId().orElseThrow());
    }

    @Test
    void aRenamedUsersOldUserNameCanBeTakenAndItsNewOneCannot() {
        User bob = users.snapshot().get(2);
        users.updateResource(User.builder().id(bob.getId().orElseThrow()).userName("robert").build(), null);

        users.createResource(User.builder().userName("bob").build(), null);

        assertThatThrownBy(() -> users.createResource(User.builder().userName("ROBERT").build(), null))
            .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.getScimType()).isEqualTo("uniqueness"));
    }

    @Test
    void aTakenGroupDisplayNameIsRefusedAsNotUnique() {
        groups.createResource(group("Engineering"), null);

        assertThatThrownBy(() -> groups.createResource(group("ENGINEERING"), null))
            .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.getScimType()).isEqualTo("uniqueness"));
    }

    @Test
    void anEqOnAnIndexedAttributeIsAnsweredFromTheIndex() {
        ResourceIndex<User> index = indexOf(users.snapshot());

        assertThat(index.candidates(userFilter("userName eq \"BOB\""))).hasValueSatisfying(ids -> assertThat(ids).hasSize(1));
        assertThat(index.candidates(userFilter("externalId eq \"E-1\""))).hasValueSatisfying(ids -> assertThat(ids).hasSize(3));
        assertThat(index.candidates(userFilter("userName sw \"a\" and userName eq \"bob\"")))
            .hasValueSatisfying(ids -> assertThat(ids).hasSize(1));
    }

    @Test
    void otherFiltersAreLeftToAScan() {
        ResourceIndex<User> index = indexOf(users.snapshot());

        List.of("userName sw \"b\"", "userName ne \"bob\"", "userName eq \"bob\" or userName eq \"zoë\"",
                "not (userName eq \"bob\")", "displayName eq \"bob\"", "emails.value eq \"bob\"")
            .forEach(filter -> assertThat(index.candidates(userFilter(filter))).as(filter).isEmpty());
    }

    @Test
    void theFoldMakesEqualWhatEqualsIgnoreCaseCallsEqual() {
        assertThat(ResourceIndex.fold("İrem")).isEqualTo(ResourceIndex.fold("irem"));
        assertThat(ResourceIndex.fold("\u212Aelvin")).isEqualTo(ResourceIndex.fold("kelvin"));
        assertThat(ResourceIndex.fold("ſtate")).isEqualTo(ResourceIndex.fold("STATE"));
        assertThat(ResourceIndex.fold("Straße")).isNotEqualTo(ResourceIndex.fold("strasse"));
    }

    private ResourceIndex<User> indexOf(List<User> stored) {
        ResourceIndex<User> index = new ResourceIndex<>(Map.<String, Function<User, Optional<String>>>of(
            "userName", User::getUserName, "externalId", User::getExternalId), User::getUserName);
        stored.forEach(user -> index.add(user.getId().orElseThrow(), user));
        return index;
    }

    private FilterNode userFilter(String filter) {
        return RequestUtils.parseFilter(userType, filter);
    }

    private static Group group(String displayName, String... memberIds) {
        List<Member> members = java.util.Arrays.stream(memberIds).map(id -> Member.builder().value(id).build()).toList();
        return Group.builder().displayName(displayName).members(members).build();
    }

    private static <T extends ResourceNode> List<String> listed(MemoryHandler<T> handler, ResourceType type, String filter) {
        FilterNode node = RequestUtils.parseFilter(type, filter);
        return ids(handler.listResources(1, 1000, node, null, null, List.of(), List.of(), null).getResources());
    }

    /** The behaviour before the index: the SDK's filter over every stored resource, in insertion order. */
    private <T extends ResourceNode> List<String> scanned(MemoryHandler<T> handler, ResourceType type, String filter) {
        return ids(FilterResourceResolver.filterResources(serviceProvider, handler.snapshot(), RequestUtils.parseFilter(type, filter)));
    }

    private static List<String> ids(List<? extends ResourceNode> resources) {
        return resources.stream().map(resource -> resource.getId().orElseThrow()).toList();
    }
}
