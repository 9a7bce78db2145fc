package dev.jmlflow.masschange;

import dev.jmlflow.employee.EmployeeRecord;
import dev.jmlflow.employee.EmployeeRegistry;
import dev.jmlflow.provisioning.MassChangeGuardProperties;
import dev.jmlflow.provisioning.MassChangeDecisions;
import dev.jmlflow.provisioning.MassChangeDecisions.HeldChange;
import dev.jmlflow.targets.TargetProperties;
import dev.jmlflow.targets.TargetSettings;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** A target's current hold as its app owners see it: who decides, the guard's numbers and the held changes. */
@Component
public class MassChangeHolds {

    static final String PROCESS = "mass-change-hold";

    /** One held change with the employee's name when the registry knows them. */
    record Line(HeldChange change, Optional<String> name) {

        String text() {
            String what = change.operation().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + (change.group().isEmpty() ? "" : " \"" + change.group() + "\"");
            return "- " + change.employeeId() + name.map(n -> " (" + n + ")").orElse("") + ": " + what + ", held since "
                    + change.since().truncatedTo(ChronoUnit.SECONDS);
        }
    }

    record Hold(String target, String ownerGroup, int threshold, String window, List<Line> changes) {

        /** The held changes as a Markdown list, for the form and the mail. */
        String list() {
            return changes.isEmpty() ? "- (none held at the moment)"
                    : changes.stream().map(Line::text).collect(Collectors.joining("\n"));
        }
    }

    private final MassChangeDecisions decisions;
    private final EmployeeRegistry employees;
    private final TargetProperties targets;
    private final MassChangeGuardProperties guard;

    MassChangeHolds(MassChangeDecisions decisions, EmployeeRegistry employees, TargetProperties targets,
                    MassChangeGuardProperties guard) {
        this.decisions = decisions;
        this.employees = employees;
        this.targets = targets;
        this.guard = guard;
    }

    static String taskName(String target) {
        return "Held changes on " + target + ": allow more or stop";
    }

    public Hold of(String target) {
        List<Line> lines = decisions.held(target).stream()
                .map(change -> new Line(change, employees.find(change.employeeId()).map(MassChangeHolds::name)))
                .toList();
        return new Hold(target, ownerGroup(target), guard.threshold(), guard.window().toString().substring(2).toLowerCase(Locale.ROOT),
                lines);
    }

    /** The group that decides on the target's holds: {@code jmlflow.targets.<target>.owner-group}. */
    String ownerGroup(String target) {
        TargetSettings settings = targets.targets().get(target);
        return settings == null ? TargetSettings.DEFAULT_OWNER_GROUP : settings.ownerGroup();
    }

    private static String name(EmployeeRecord employee) {
        return (Optional.ofNullable(employee.givenName()).orElse("") + " " + Optional.ofNullable(employee.familyName()).orElse("")).strip();
    }
}
