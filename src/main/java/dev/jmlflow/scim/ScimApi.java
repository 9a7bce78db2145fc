package dev.jmlflow.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import feign.Headers;
import feign.Param;
import feign.RequestLine;

/**
 * The RFC 7644 endpoints jmlflow uses, relative to a target's base URL. Build instances with
 * {@link ScimClients}; never retry a POST at this level (retries are Camunda jobs that look up first).
 * Filters must come from {@link ScimFilter}.
 *
 * <p>Every method throws only {@link ScimException} subclasses for remote failures: HTTP errors by status and
 * {@code scimType}, timeouts and connection errors as {@link ScimException.Unavailable} with status 0, and answers
 * that are not SCIM JSON (an HTML login page with 200, an empty body on a GET) as
 * {@link ScimException.ProtocolViolation}. A 404 is always {@link ScimException.NotFound}, never {@code null}.
 * Null or blank arguments are programming errors ({@link IllegalArgumentException}). Ids are sent as one path
 * segment ({@code decodeSlash = false} keeps a {@code /} in an id encoded), so no id can address another resource.
 */
@Headers({"Accept: application/scim+json", "Content-Type: application/scim+json"})
public interface ScimApi {

    @RequestLine(value = "GET /Users/{id}", decodeSlash = false)
    ScimUser getUser(@Param("id") String id);

    @RequestLine("GET /Users?filter={filter}&startIndex={startIndex}&count={count}")
    ListResponse<ScimUser> findUsers(@Param("filter") ScimFilter filter, @Param("startIndex") int startIndex, @Param("count") int count);

    /**
     * Creates a user and returns it as the server stored it. The result always carries a non-blank {@code id}: an
     * answer without one (Okta: "create new user returned empty user") throws
     * {@link ScimException.ProtocolViolation}, because the account could never be addressed again; the caller
     * must then look the user up before trying again.
     */
    @RequestLine("POST /Users")
    ScimUser createUser(ScimUser user);

    /** May answer 204 with no body, in which case the result is {@code null}. */
    @RequestLine(value = "PUT /Users/{id}", decodeSlash = false)
    ScimUser replaceUser(@Param("id") String id, ScimUser user);

    /**
     * The user exactly as the server sent it, attributes jmlflow does not model included: the base of a PUT that
     * must not drop them (PUT-only servers such as Coginiti replace the whole resource, roles included).
     */
    @RequestLine(value = "GET /Users/{id}", decodeSlash = false)
    ObjectNode getUserDocument(@Param("id") String id);

    /** PUT of a whole user document (see {@link #getUserDocument}); may answer 204 with no body ({@code null}). */
    @RequestLine(value = "PUT /Users/{id}", decodeSlash = false)
    ObjectNode replaceUserDocument(@Param("id") String id, ObjectNode user);

    /** May answer 204 with no body, in which case the result is {@code null}. */
    @RequestLine(value = "PATCH /Users/{id}", decodeSlash = false)
    ScimUser patchUser(@Param("id") String id, PatchRequest patch);

    @RequestLine(value = "DELETE /Users/{id}", decodeSlash = false)
    void deleteUser(@Param("id") String id);

    @RequestLine(value = "GET /Groups/{id}", decodeSlash = false)
    ScimGroup getGroup(@Param("id") String id);

    @RequestLine("GET /Groups?filter={filter}&startIndex={startIndex}&count={count}")
    ListResponse<ScimGroup> findGroups(@Param("filter") ScimFilter filter, @Param("startIndex") int startIndex, @Param("count") int count);

    @RequestLine("GET /Groups?startIndex={startIndex}&count={count}")
    ListResponse<ScimGroup> listGroups(@Param("startIndex") int startIndex, @Param("count") int count);

    /** Creates a group; like {@link #createUser}, an answer without an {@code id} is a protocol violation. */
    @RequestLine("POST /Groups")
    ScimGroup createGroup(ScimGroup group);

    /** The group exactly as the server sent it, for a PUT-only server's membership change (see {@link #getUserDocument}). */
    @RequestLine(value = "GET /Groups/{id}", decodeSlash = false)
    ObjectNode getGroupDocument(@Param("id") String id);

    /** PUT of a whole group document; may answer 204 with no body ({@code null}). */
    @RequestLine(value = "PUT /Groups/{id}", decodeSlash = false)
    ObjectNode replaceGroupDocument(@Param("id") String id, ObjectNode group);

    /** May answer 204 with no body, in which case the result is {@code null}. */
    @RequestLine(value = "PATCH /Groups/{id}", decodeSlash = false)
    ScimGroup patchGroup(@Param("id") String id, PatchRequest patch);

    @RequestLine("GET /ServiceProviderConfig")
    ServiceProviderConfig serviceProviderConfig();
}
