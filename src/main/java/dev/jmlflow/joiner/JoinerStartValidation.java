package dev.jmlflow.joiner;

import static dev.jmlflow.joiner.JoinerVariables.*;
import static dev.jmlflow.process.RequestVariables.*;

import dev.jmlflow.access.AccessPlanner;
import dev.jmlflow.access.RequestedGroups;
import dev.jmlflow.access.TargetGroup;
import dev.jmlflow.employee.EmployeeRegistry;
import dev.jmlflow.engine.FormCheck;
import dev.jmlflow.process.ApprovingManager;
import dev.jmlflow.process.RequestSummary;
import dev.jmlflow.process.RunningRequests;
import dev.jmlflow.engine.Schedule;
import dev.jmlflow.provisioning.AccountLink;
import dev.jmlflow.provisioning.GroupCatalogue;
import dev.jmlflow.provisioning.LinkState;
import dev.jmlflow.provisioning.ProvisioningService;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Checks a joiner request as it starts, whether from the Tasklist start form or the REST API. Any problem refuses
 * the start with a message naming each field; the business key becomes the employee id. No joiner starts while a
 * leaver runs for the employee, even one still waiting for the last day: HR cancels that leaver first. One employee
 * id is one person: an id that already has accounts (in any state) is refused, naming who holds it, unless this is a
 * rehire of that person (every account deactivated or deleted, and the same email). A requested group must be on a
 * configured target, and is refused when that target's {@link GroupCatalogue} positively knows it has no such group;
 * a target whose groups cannot be read refuses nothing here (the provisioning step reports an unknown group then).
 */
@Component("joinerStartValidation")
public class JoinerStartValidation implements ExecutionListener {

    private final Schedule schedule;
    private final AccessPlanner planner;
    private final RunningRequests requests;
    private final ProvisioningService provisioning;
    private final EmployeeRegistry registry;
    private final GroupCatalogue groups;

    public JoinerStartValidation(Schedule schedule, AccessPlanner planner, RunningRequests requests,
            ProvisioningService provisioning, EmployeeRegistry registry, GroupCatalogue groups) {
        this.schedule = schedule;
        this.planner = planner;
        this.requests = requests;
        this.provisioning = provisioning;
        this.registry = registry;
        this.groups = groups;
    }

    @Override
    public void notify(DelegateExecution execution) {
        FormCheck check = new FormCheck(execution);
        String employeeId = check.id(EMPLOYEE_ID);
        check.personName(GIVEN_NAME);
        check.personName(FAMILY_NAME);
        String email = check.email(EMAIL);
        check.plainText(DEPARTMENT);
        check.plainText(JOB_TITLE);
        String managerId = ApprovingManager.check(check, execution, MANAGER_ID, employeeId);
        check.dateFrom(START_DATE, schedule.today());
        checkRequestedGroups(check, execution);
        requests.refuseSecond(check, execution, EMPLOYEE_ID, RunningRequests.JOINER, employeeId);
        if (employeeId != null) {
            requests.leaver(employeeId).ifPresent(leaver -> check.problem(EMPLOYEE_ID, leaver.refusal(employeeId)));
            if (email != null) {
                checkSamePerson(check, employeeId, email);
            }
        }
        if (managerId != null && email != null && managerId.equalsIgnoreCase(email)) {
            check.problem(MANAGER_ID, "an employee cannot be their own manager");
        }
        check.throwIfInvalid();
        execution.setProcessBusinessKey(employeeId);
        RequestSummary.write(execution, "Joiner", RequestSummary.name(text(execution, GIVEN_NAME), text(execution, FAMILY_NAME)),
                "start " + text(execution, START_DATE), RequestSummary.role(text(execution, DEPARTMENT), text(execution, JOB_TITLE)),
                RequestSummary.manager(execution));
    }

    /** Refuses an employee id that stands for another person, or for someone who still has access. */
    private void checkSamePerson(FormCheck check, String employeeId, String email) {
        List<AccountLink> links = provisioning.links(employeeId);
        List<AccountLink> others = links.stream().filter(l -> !l.userName().equalsIgnoreCase(email)).toList();
        if (!others.isEmpty()) {
            check.problem(EMPLOYEE_ID, employeeId + " already belongs to " + person(employeeId, others.get(0).userName())
                    + " (accounts on " + targets(others) + "); a new person needs a new employee id");
            return;
        }
        List<AccountLink> active = links.stream()
                .filter(l -> l.state() != LinkState.DEACTIVATED && l.state() != LinkState.DELETED).toList();
        if (!active.isEmpty()) {
            check.problem(EMPLOYEE_ID, employeeId + " is " + person(employeeId, active.get(0).userName()) + ", who still has an active account on "
                    + targets(active) + "; a rehire starts once a leaver has removed access, a new role is a mover");
        }
    }

    /** The userName on record, with the names the employee registry holds for them. */
    private String person(String employeeId, String userName) {
        return userName + registry.find(employeeId)
                .map(e -> Stream.of(e.givenName(), e.familyName()).filter(Objects::nonNull).collect(Collectors.joining(" ")))
                .filter(name -> !name.isBlank()).map(name -> " (" + name + ")").orElse("");
    }

    private static String targets(List<AccountLink> links) {
        return links.stream().map(AccountLink::target).sorted().collect(Collectors.joining(", "));
    }

    private void checkRequestedGroups(FormCheck check, DelegateExecution execution) {
        String requested = check.optional(REQUESTED_GROUPS);
        try {
            for (TargetGroup group : RequestedGroups.parse(requested)) {
                if (!planner.targetNames().contains(group.target())) {
                    check.problem(REQUESTED_GROUPS, "'" + group.target() + "' is not a configured target; use one of "
                            + String.join(", ", planner.targetNames()));
                } else if (groups.knownAbsent(group.target(), group.group())) {
                    check.problem(REQUESTED_GROUPS, "'" + group.group() + "' is not a group in " + group.target()
                            + "; check its name there, or ask the app's owners to create it first");
                }
            }
        } catch (IllegalArgumentException e) {
            check.problem(REQUESTED_GROUPS, e.getMessage());
        }
    }
}
