package dev.jmlflow.journey;

import static dev.jmlflow.process.EngineRestClient.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jmlflow.bench.DelayingProxy;
import dev.jmlflow.process.EngineRestClient;
import dev.jmlflow.provisioning.Employee;
import dev.jmlflow.sandbox.scimserver.Profile;
import dev.jmlflow.targets.Dialect;
import dev.jmlflow.testpeers.ScimSdkPeer;
import dev.jmlflow.testpeers.TestProfiles;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * A request's apps are worked on at the same time. Three more apps (SCIM-SDK with the Coralogix, Cortex and lenient
 * profiles) sit behind proxies that make every call take {@link #CALL}, like a SaaS round trip, and record when each
 * call was in flight; the journey's own three apps get accounts only by rule, which these requests never match. A
 * proxy can also hold every group PATCH until the test lets it go, so that all apps finish at the same moment or a
 * leaver starts while the joiner's calls are in flight. Nothing is mocked.
 */
@TestPropertySource(properties = {
    "jmlflow.targets.coralogix.assign=by-rule",
    "jmlflow.targets.cortex.assign=by-rule",
    "jmlflow.targets.coginiti.assign=by-rule",
    "jmlflow.provisioning.read-back-delay=100ms",
    "jmlflow.provisioning.create-settle-window=1s"
})
class ParallelAppsJourneyTest extends FullStackJourney {

    private static final Duration CALL = Duration.ofMillis(300);
    private static final String GROUP = "far-staff";
    private static final List<FarApp> FAR = List.of(
            new FarApp("far-coralogix", "coralogix", Profile.imitating(Dialect.CORALOGIX)),
            new FarApp("far-cortex", "cortex", Profile.imitating(Dialect.CORTEX)),
            new FarApp("far-generic", "generic", TestProfiles.LENIENT));

    @DynamicPropertySource
    static void farApps(DynamicPropertyRegistry registry) {
        FAR.forEach(app -> {
            registry.add("jmlflow.targets." + app.name + ".dialect", () -> app.dialect);
            registry.add("jmlflow.targets." + app.name + ".base-url", app::baseUrl);
            registry.add("jmlflow.targets." + app.name + ".token", app.peer::token);
            // a held PATCH must not time out; the leaver's read-back waits for this bound after a late write
            registry.add("jmlflow.targets." + app.name + ".connect-timeout", () -> "1s");
            registry.add("jmlflow.targets." + app.name + ".read-timeout", () -> "20s");
        });
    }

    @AfterAll
    static void stopFarApps() {
        FAR.forEach(FarApp::close);
    }

    @BeforeEach
    void people() {
        user("hr.hanna", "hr");
        user("mgr.max", "managers");
    }

    @AfterEach
    void openGates() {
        FAR.forEach(FarApp::pass);
    }

    @Test
    void aJoinersThreeAppsEachHaveACallInFlightAtTheSameMoment() throws Exception {
        String joiner = approvedJoiner("E9301", "paula.parallel@example.com");
        awaitUntil("the joiner has provisioned every app", () -> ended(joiner));

        assertThat(FAR).allSatisfy(app -> assertThat(account(app.peer, "E9301").active()).as(app.name).isTrue());
        assertThat(momentsWithEveryAppInFlight()).as("calls of all three apps in flight at once").isPositive();
    }

    @Test
    void appsThatFinishAtTheSameMomentSendEachScimWriteOnce() throws Exception {
        CountDownLatch held = holdGroupPatches();
        String joiner = approvedJoiner("E9302", "fiona.finish@example.com");
        assertThat(held.await(60, TimeUnit.SECONDS)).as("every app's group PATCH is in flight at once").isTrue();

        FAR.forEach(FarApp::pass); // all apps finish now, and their completions meet at the join
        awaitUntil("the joiner has provisioned every app", () -> ended(joiner));

        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(joiner)
                .activityId("EndEvent_AccessProvisioned").count()).isOne();
        assertThat(FAR).allSatisfy(app -> {
            assertThat(app.sent("POST /Users")).as(app.name + " creates").isOne();
            assertThat(app.sent("PATCH /Groups/{id}")).as(app.name + " group PATCHes").isOne();
        });
    }

    @Test
    void hrStartsALeaverWhileTheJoinersAppCallsAreInFlightAndGetsNoErrorAndAccessEndsRemoved() throws Exception {
        String employee = "E9303";
        CountDownLatch held = holdGroupPatches();
        String joiner = approvedJoiner(employee, "lars.late@example.com");
        assertThat(held.await(60, TimeUnit.SECONDS)).as("every app's group PATCH is in flight").isTrue();

        // the joiner's jobs commit while the leaver starts: HR's start must not depend on them
        Thread release = new Thread(() -> FAR.forEach(FarApp::pass));
        release.start();
        HttpResponse<String> started = immediateLeaver(employee);
        release.join();

        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String leaver = id(started);
        awaitUntil("the leaver has said access is removed", () -> history.createHistoricActivityInstanceQuery()
                .processInstanceId(leaver).activityId("Task_NotifyAccessRemoved").finished().count() == 1);
        // stopped by the leaver, or (its SCIM work done before the cut) ended while the leaver's stop was being retried
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(joiner).count()).as("the joiner runs").isZero();
        assertThat(FAR).allSatisfy(app -> {
            assertThat(account(app.peer, employee).active()).as(app.name + " account").isFalse();
            assertThat(app.peer.tenant().groups().stream().filter(g -> g.memberIds().contains(account(app.peer, employee).id())))
                    .as(app.name + " groups").isEmpty();
        });
        assertThat(runtime.createIncidentQuery().processInstanceId(leaver).count()).isZero();
    }

    @Test
    void aLeaversThreeAppsEachHaveACallInFlightAtTheSameMoment() throws Exception {
        String employee = "E9304";
        Employee lena = new Employee(employee, "lena.leaves@example.com", "Lena", "Leaves", "Benchmarking", "Analyst", "mgr.max");
        FAR.forEach(app -> provisioning.ensureUser(app.name, lena));
        FAR.forEach(FarApp::forgetCalls);

        HttpResponse<String> started = immediateLeaver(employee);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String leaver = id(started);
        awaitUntil("the leaver has said access is removed", () -> history.createHistoricActivityInstanceQuery()
                .processInstanceId(leaver).activityId("Task_NotifyAccessRemoved").finished().count() == 1);

        assertThat(FAR).allSatisfy(app -> assertThat(account(app.peer, employee).active()).as(app.name).isFalse());
        assertThat(momentsWithEveryAppInFlight()).as("calls of all three apps in flight at once").isPositive();
    }

    private String approvedJoiner(String employee, String email) {
        FAR.forEach(FarApp::forgetCalls);
        String groups = FAR.stream().map(app -> app.name + ":" + GROUP).collect(Collectors.joining(", "));
        HttpResponse<String> started = as("hr.hanna").start("joiner", employee, """
                {"employeeId": {"value": "%s"}, "givenName": {"value": "Par"}, "familyName": {"value": "Allel"},
                 "email": {"value": "%s"}, "department": {"value": "Benchmarking"},
                 "jobTitle": {"value": "Analyst"}, "managerId": {"value": "mgr.max"},
                 "startDate": {"value": "%s"}, "requestedGroups": {"value": "%s"}}
                """.formatted(employee, email, LocalDate.now(), groups));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        EngineRestClient manager = as("mgr.max");
        assertThat(manager.complete(manager.taskId(employee, "approveAccess"), "{\"approved\": {\"value\": true}}")
                .statusCode()).isEqualTo(204);
        return id(started);
    }

    private HttpResponse<String> immediateLeaver(String employee) {
        return as("hr.hanna").start("leaver", employee, """
                {"employeeId": {"value": "%s", "type": "String"}, "lastDay": {"value": "%s", "type": "String"},
                 "immediate": {"value": true, "type": "Boolean"}, "reason": {"value": "Resigned", "type": "String"}}
                """.formatted(employee, LocalDate.now()));
    }

    /** Holds every app's group PATCHes from now on; the latch opens once each app has one held. */
    private static CountDownLatch holdGroupPatches() {
        CountDownLatch arrived = new CountDownLatch(FAR.size());
        FAR.forEach(app -> app.hold(arrived));
        return arrived;
    }

    /** How many calls began while each of the other apps had a call in flight. */
    private static long momentsWithEveryAppInFlight() {
        List<List<long[]>> calls = FAR.stream().map(FarApp::answeredCalls).toList();
        return IntStream.range(0, calls.size()).mapToLong(app -> calls.get(app).stream()
                .filter(call -> IntStream.range(0, calls.size()).filter(other -> other != app)
                        .allMatch(other -> calls.get(other).stream().anyMatch(o -> o[0] <= call[0] && call[0] < o[1])))
                .count()).sum();
    }

    /** One far app: its server, the proxy in front of it, when its calls were in flight, and its group PATCH gate. */
    private static final class FarApp implements DelayingProxy.Fault {

        final String name;
        final String dialect;
        final ScimSdkPeer peer;
        final DelayingProxy proxy;
        private final List<long[]> answered = new ArrayList<>();
        private final Map<String, LongAdder> sentByKind = new ConcurrentHashMap<>();
        private final ThreadLocal<Long> sent = new ThreadLocal<>();
        private volatile CountDownLatch release = new CountDownLatch(0);
        private volatile CountDownLatch arrived = new CountDownLatch(0);

        FarApp(String name, String dialect, Profile profile) {
            this.name = name;
            this.dialect = dialect;
            this.peer = ScimSdkPeer.withProfile(profile).start();
            peer.seedGroup(GROUP);
            URI base = URI.create(peer.baseUrl());
            this.proxy = new DelayingProxy(base.getScheme() + "://" + base.getAuthority(), Duration.ZERO);
            proxy.fault(this);
        }

        String baseUrl() {
            return proxy.origin() + URI.create(peer.baseUrl()).getRawPath();
        }

        @Override
        public DelayingProxy.Answer instead(String method, URI uri, byte[] body) {
            if (isProbe(uri)) {
                return null;
            }
            sent.set(System.nanoTime());
            sentByKind.computeIfAbsent(kind(method, uri), k -> new LongAdder()).increment();
            if (method.equals("PATCH") && uri.getPath().contains("/Groups/")) {
                CountDownLatch gate = release;
                arrived.countDown();
                await(gate);
            }
            return DelayingProxy.Answer.slow(CALL);
        }

        @Override
        public void answered(String method, URI uri, byte[] body, int status) {
            Long at = sent.get();
            if (at != null) {
                sent.remove();
                synchronized (answered) {
                    answered.add(new long[] {at, System.nanoTime()});
                }
            }
        }

        void hold(CountDownLatch arrivals) {
            release = new CountDownLatch(1);
            arrived = arrivals;
        }

        void pass() {
            release.countDown();
        }

        void forgetCalls() {
            synchronized (answered) {
                answered.clear();
            }
            sentByKind.clear();
        }

        /** Calls of this kind ({@code POST /Users}, {@code PATCH /Groups/{id}}) sent since {@link #forgetCalls}. */
        long sent(String kind) {
            LongAdder count = sentByKind.get(kind);
            return count == null ? 0 : count.sum();
        }

        private static String kind(String method, URI uri) {
            String path = uri.getPath();
            String resource = path.substring(path.lastIndexOf("/v2/") + 3);
            return method + " " + resource.replaceAll("^/(Users|Groups)/.+", "/$1/{id}");
        }

        List<long[]> answeredCalls() {
            synchronized (answered) {
                return List.copyOf(answered);
            }
        }

        void close() {
            pass();
            proxy.close();
            peer.stop();
        }

        /** The health canary's lookups of a user that cannot exist are no request's calls. */
        private static boolean isProbe(URI uri) {
            return uri.getRawQuery() != null
                    && URLDecoder.decode(uri.getRawQuery(), StandardCharsets.UTF_8).contains("@invalid.example");
        }

        private static void await(CountDownLatch gate) {
            try {
                gate.await(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
