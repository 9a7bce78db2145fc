package dev.jmlflow.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Drives jmlflow the way its users do, only through {@code /engine-rest} and {@code /actuator}: HR starts requests,
 * the manager approves them, the admin reads history and incidents, IT ops read metrics. The users are created
 * through the REST API by the admin, in the groups the app's authorizations are written for.
 */
public final class JmlflowDriver {

    static final String HR = "bench-hr";
    static final String MANAGER = "bench-mgr";
    static final String OPS = "bench-ops";
    private static final String PROVISIONED = "EndEvent_AccessProvisioned";
    private static final DateTimeFormatter CAMUNDA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    /** One finished request as history tells it; {@code end} is the engine's own timestamp. */
    record Finished(String businessKey, Instant end) {
    }

    private final AppRest admin;
    private final AppRest hr;
    private final AppRest manager;
    private final AppRest ops;
    private final List<BenchTarget> targets;
    private final String password;

    public JmlflowDriver(AppUnderTest app, List<BenchTarget> targets) {
        // the password policy refuses a password that contains the user's id or names
        this(app, targets, "Pass-" + UUID.randomUUID() + "-Z9");
        createUser(HR, "hr", password);
        createUser(MANAGER, "managers", password);
        createUser(OPS, "it-ops", password);
    }

    private JmlflowDriver(AppUnderTest app, List<BenchTarget> targets, String password) {
        this.admin = app.admin();
        this.hr = new AppRest(app.origin(), HR, password);
        this.manager = new AppRest(app.origin(), MANAGER, password);
        this.ops = new AppRest(app.origin(), OPS, password);
        this.targets = targets;
        this.password = password;
    }

    /** The same users on another node or a restarted app (they live in the shared database). */
    public JmlflowDriver on(AppUnderTest app) {
        return new JmlflowDriver(app, targets, password);
    }

    public static String userName(String employeeId) {
        return employeeId.toLowerCase() + "@bench.example";
    }

    /** HR starts a joiner starting today with bench groups on every target; returns the process instance id. */
    public String startJoiner(String employeeId) {
        String requestedGroups = targets.stream()
                .flatMap(t -> t.groupsForNextAccount().stream().map(g -> t.name() + ":" + g.name()))
                .collect(Collectors.joining(", "));
        String variables = """
                {"employeeId": {"value": "%s"}, "givenName": {"value": "Bench"}, "familyName": {"value": "Joiner"},
                 "email": {"value": "%s"}, "department": {"value": "Benchmarking"}, "jobTitle": {"value": "Tester"},
                 "managerId": {"value": "%s"}, "startDate": {"value": "%s"}, "requestedGroups": {"value": "%s"}}
                """.formatted(employeeId, userName(employeeId), MANAGER, LocalDate.now(ZoneOffset.UTC), requestedGroups);
        return hr.post("/engine-rest/process-definition/key/joiner/start",
                "{\"businessKey\": \"" + employeeId + "\", \"variables\": " + variables + "}").path("id").asText();
    }

    /** The manager approves the joiner's access plan (the only approval: no requested group is privileged). */
    public void approve(String processInstanceId) {
        JsonNode tasks = manager.get("/engine-rest/task?processInstanceId=" + processInstanceId + "&taskDefinitionKey=approveAccess");
        if (tasks.size() != 1) {
            throw new IllegalStateException("expected one approval task for " + processInstanceId + ", found " + tasks);
        }
        manager.post("/engine-rest/task/" + tasks.get(0).path("id").asText() + "/complete",
                "{\"variables\": {\"approved\": {\"value\": true}}}");
    }

    public void startImmediateLeaver(String employeeId) {
        hr.post("/engine-rest/process-definition/key/leaver/start", """
                {"businessKey": "%s", "variables": {"employeeId": {"value": "%s", "type": "String"},
                 "lastDay": {"value": "%s", "type": "String"}, "immediate": {"value": true, "type": "Boolean"},
                 "reason": {"value": "Benchmark leaver", "type": "String"}}}
                """.formatted(employeeId, employeeId, LocalDate.now(ZoneOffset.UTC)));
    }

    /** Finished requests whose business key starts with the prefix. */
    public long finishedCount(String businessKeyPrefix) {
        return admin.get("/engine-rest/history/process-instance/count?finished=true&processInstanceBusinessKeyLike="
                + encode(businessKeyPrefix + "%")).path("count").asLong();
    }

    List<Finished> finished(String businessKeyPrefix) {
        List<Finished> all = new ArrayList<>();
        for (int first = 0; ; first += 500) {
            JsonNode page = admin.get("/engine-rest/history/process-instance?finished=true&sortBy=endTime&sortOrder=asc"
                    + "&processInstanceBusinessKeyLike=" + encode(businessKeyPrefix + "%") + "&firstResult=" + first + "&maxResults=500");
            page.forEach(p -> all.add(new Finished(p.path("businessKey").asText(),
                    Instant.from(CAMUNDA_TIME.parse(p.path("endTime").asText())))));
            if (page.size() < 500) {
                return all;
            }
        }
    }

    /** Finished joiners that did not reach the end event (rejected, rolled back, aborted, superseded). */
    public long joinersNotProvisioned() {
        long finished = admin.get("/engine-rest/history/process-instance/count?processDefinitionKey=joiner&finished=true")
                .path("count").asLong();
        long provisioned = admin.get("/engine-rest/history/activity-instance/count?activityId=" + PROVISIONED + "&finished=true")
                .path("count").asLong();
        return finished - provisioned;
    }

    /** Leavers that have done all their SCIM work (groups removed too) and mailed "access removed". */
    public long leaversDone() {
        return admin.get("/engine-rest/history/activity-instance/count?activityId=Task_NotifyAccessRemoved&finished=true")
                .path("count").asLong();
    }

    long runningJoiners() {
        return admin.get("/engine-rest/process-instance/count?processDefinitionKey=joiner").path("count").asLong();
    }

    public long incidents() {
        return admin.get("/engine-rest/incident/count").path("count").asLong();
    }

    /** An actuator metric's value, e.g. {@code jvm.memory.used} with tag {@code area:heap}; NaN when absent. */
    double metric(String name, String tag) {
        try {
            JsonNode metric = ops.get("/actuator/metrics/" + name + (tag == null ? "" : "?tag=" + encode(tag)));
            return metric.path("measurements").get(0).path("value").asDouble();
        } catch (IllegalStateException absent) {
            return Double.NaN;
        }
    }

    private void createUser(String id, String group, String password) {
        admin.post("/engine-rest/user/create", """
                {"profile": {"id": "%s", "firstName": "Bench", "lastName": "User", "email": "%s@bench.example"},
                 "credentials": {"password": "%s"}}
                """.formatted(id, id, password));
        admin.put("/engine-rest/group/" + group + "/members/" + id, "");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
