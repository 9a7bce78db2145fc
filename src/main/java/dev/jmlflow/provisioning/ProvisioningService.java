package dev.jmlflow.provisioning;

import dev.jmlflow.target.TargetRegistry;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/**
 * Engine-free, idempotent account operations on the configured targets. Every method may be re-run after a
 * crash or a timeout and converges without a duplicate account or membership. Transient
 * {@link dev.jmlflow.scim.ScimException}s and {@link RetryLaterException} propagate for a job retry; business
 * outcomes are the {@link ProvisioningException} subclasses.
 */
@Service
@EnableConfigurationProperties(ProvisioningProperties.class)
public class ProvisioningService {

    private final TargetRegistry targets;
    private final IdentityLinkStore links;
    private final ProvisioningProperties properties;

    public ProvisioningService(TargetRegistry targets, IdentityLinkStore links, ProvisioningProperties properties) {
        this.targets = targets;
        this.links = links;
        this.properties = properties;
    }

    public AccountLink ensureUser(String target, Employee employee) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public void addMembership(String target, String employeeId, String group) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public void removeMembership(String target, String employeeId, String group) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public Set<String> currentGroups(String target, String employeeId) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public void updateAttributes(String target, Employee employee) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public void deactivate(String target, String employeeId) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public void reactivate(String target, String employeeId) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public void delete(String target, String employeeId) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public void undoCreatedAccount(String target, String employeeId) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public Optional<AccountLink> link(String target, String employeeId) {
        return links.find(target, employeeId);
    }

    public List<AccountLink> links(String employeeId) {
        return links.findByEmployee(employeeId);
    }
}
