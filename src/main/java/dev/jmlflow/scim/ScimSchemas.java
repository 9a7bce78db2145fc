package dev.jmlflow.scim;

/** Schema URNs as RFC 7643/7644 spell them. */
public final class ScimSchemas {
    public static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    public static final String ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    public static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    public static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    public static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
    public static final String SERVICE_PROVIDER_CONFIG = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    public static final String MEDIA_TYPE = "application/scim+json";

    private ScimSchemas() {
    }
}
