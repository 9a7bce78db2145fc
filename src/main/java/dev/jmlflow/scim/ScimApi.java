package dev.jmlflow.scim;

import feign.Headers;
import feign.Param;
import feign.RequestLine;

/**
 * The RFC 7644 endpoints jmlflow uses, relative to a target's base URL. Build instances with
 * {@link ScimClients}; never retry a POST at this level (retries are Camunda jobs that look up first).
 * Filters must come from {@link ScimFilter}.
 */
@Headers({"Accept: application/scim+json", "Content-Type: application/scim+json"})
public interface ScimApi {

    @RequestLine("GET /Users/{id}")
    ScimUser getUser(@Param("id") String id);

    @RequestLine("GET /Users?filter={filter}&startIndex={startIndex}&count={count}")
    ListResponse<ScimUser> findUsers(@Param("filter") ScimFilter filter, @Param("startIndex") int startIndex, @Param("count") int count);

    @RequestLine("POST /Users")
    ScimUser createUser(ScimUser user);

    @RequestLine("PUT /Users/{id}")
    ScimUser replaceUser(@Param("id") String id, ScimUser user);

    /** May answer 204 with no body, in which case the result is {@code null}. */
    @RequestLine("PATCH /Users/{id}")
    ScimUser patchUser(@Param("id") String id, PatchRequest patch);

    @RequestLine("DELETE /Users/{id}")
    void deleteUser(@Param("id") String id);

    @RequestLine("GET /Groups/{id}")
    ScimGroup getGroup(@Param("id") String id);

    @RequestLine("GET /Groups?filter={filter}&startIndex={startIndex}&count={count}")
    ListResponse<ScimGroup> findGroups(@Param("filter") ScimFilter filter, @Param("startIndex") int startIndex, @Param("count") int count);

    @RequestLine("GET /Groups?startIndex={startIndex}&count={count}")
    ListResponse<ScimGroup> listGroups(@Param("startIndex") int startIndex, @Param("count") int count);

    @RequestLine("POST /Groups")
    ScimGroup createGroup(ScimGroup group);

    /** May answer 204 with no body, in which case the result is {@code null}. */
    @RequestLine("PATCH /Groups/{id}")
    ScimGroup patchGroup(@Param("id") String id, PatchRequest patch);

    @RequestLine("GET /ServiceProviderConfig")
    ServiceProviderConfig serviceProviderConfig();
}
