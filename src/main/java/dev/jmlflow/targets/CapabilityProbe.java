package dev.jmlflow.targets;

import dev.jmlflow.scim.ListResponse;
import dev.jmlflow.scim.ScimException;
import dev.jmlflow.scim.ScimFilter;
import dev.jmlflow.scim.ScimUser;
import dev.jmlflow.scim.ServiceProviderConfig;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Finds out what a target can be trusted with (R-ID-4): {@code GET /ServiceProviderConfig}, then a canary lookup
 * of a user that cannot exist. Only a 200 with zero results makes the target filter-safe; a server that answers
 * the canary with users ignores filters, and a lookup there must never pick a user to write to.
 */
@Component
public class CapabilityProbe {

    private static final Logger log = LoggerFactory.getLogger(CapabilityProbe.class);

    private final Clock clock;

    public CapabilityProbe() {
        this(Clock.systemUTC());
    }

    CapabilityProbe(Clock clock) {
        this.clock = clock;
    }

    public TargetCapabilities probe(Target target) {
        Instant now = Instant.now(clock);
        ServiceProviderConfig config = null;
        String configProblem = null;
        try {
            config = target.api().serviceProviderConfig();
        } catch (ScimException.NotFound e) {
            // Coralogix documents no /ServiceProviderConfig; the canary below still tells whether the URL is right
            configProblem = "no /ServiceProviderConfig (404)";
        } catch (ScimException e) {
            return failed(target, now, "/ServiceProviderConfig: " + describe(e));
        }
        boolean patch = target.dialect().capabilities().patch().supported(config);
        boolean etag = config != null && config.etagSupported();
        ListResponse<ScimUser> canary;
        try {
            canary = target.api().findUsers(canaryFilter(), 1, 2);
        } catch (ScimException.InvalidFilter e) {
            return result(target, now, true, patch, etag, false, "canary lookup refused: " + describe(e));
        } catch (ScimException e) {
            if (e.status() >= 400 && e.status() < 500 && e.status() != 401 && e.status() != 403
                    && e.status() != 404 && e.status() != 429) {
                return result(target, now, true, patch, etag, false, "canary lookup failed: " + describe(e));
            }
            return failed(target, now, "canary lookup: " + describe(e));
        }
        if (!canary.declaresListResponseSchema() || canary.totalResults() == null) {
            return result(target, now, true, patch, etag, false, "canary lookup answered without a SCIM ListResponse");
        }
        int found = Math.max(canary.totalResults(), canary.resources().size());
        if (found > 0) {
            return result(target, now, true, patch, etag, false,
                    "filter-unsafe: a lookup of a user that cannot exist returned " + found + " users");
        }
        return result(target, now, true, patch, etag, true, configProblem);
    }

    /**
     * One fresh canary lookup. Throws the call's own {@link ScimException} (401, 403, 5xx, ...) when it fails, and a
     * transient one when the target answers 404 or not with a ListResponse, so a 404 elsewhere is not read as "gone".
     */
    void confirmHealthy(Target target) {
        ListResponse<ScimUser> canary;
        try {
            canary = target.api().findUsers(canaryFilter(), 1, 1);
        } catch (ScimException.NotFound e) {
            // the collection itself is missing: a wrong base URL or region, never proof that a resource is gone
            throw new ScimException.Unavailable(404, "target " + target.name()
                    + ": health probe answered 404; check base-url/region", e);
        }
        if (!canary.declaresListResponseSchema()) {
            throw new ScimException.Unavailable(200, "target " + target.name()
                    + ": health probe did not answer with a SCIM ListResponse; check base-url/region", null);
        }
    }

    static ScimFilter canaryFilter() {
        return ScimFilter.eq("userName", UUID.randomUUID() + "@invalid.example");
    }

    private TargetCapabilities failed(Target target, Instant now, String error) {
        return result(target, now, false, false, false, false, error);
    }

    private TargetCapabilities result(Target target, Instant now, boolean reachable, boolean patch, boolean etag,
                                      boolean filterSafe, String error) {
        TargetCapabilities caps = new TargetCapabilities(reachable, patch, etag, filterSafe, now, error);
        if (!reachable || !filterSafe) {
            log.warn("target {}: reachable={}, filterSafe={}: {}", target.name(), reachable, filterSafe, error);
        } else {
            log.info("target {}: reachable, patch={}, etag={}, filter-safe", target.name(), patch, etag);
        }
        return caps;
    }

    /** Status, scimType and message of a typed SCIM exception (which carries no header or token). */
    static String describe(ScimException e) {
        return "HTTP " + e.status() + e.scimType().map(t -> " " + t).orElse("") + ": " + e.getMessage();
    }
}
