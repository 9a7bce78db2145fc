package dev.jmlflow.access;

import dev.jmlflow.provisioning.AccountLink;
import dev.jmlflow.provisioning.LinkState;
import dev.jmlflow.provisioning.ProvisioningService;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/** The groups an employee holds right now, read live from every target where they have an active account. */
@Component
public class LiveMemberships {

    private final ProvisioningService provisioning;

    public LiveMemberships(ProvisioningService provisioning) {
        this.provisioning = provisioning;
    }

    public Map<String, Set<String>> of(String employeeId) {
        Map<String, Set<String>> live = new TreeMap<>();
        for (AccountLink link : provisioning.links(employeeId)) {
            if (link.state() == LinkState.ACTIVE) {
                live.put(link.target(), provisioning.currentGroups(link.target(), employeeId));
            }
        }
        return live;
    }
}
