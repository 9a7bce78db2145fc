package dev.jmlflow.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import javax.sql.DataSource;

import dev.jmlflow.provisioning.AccountLink;
import dev.jmlflow.provisioning.AccountOrigin;
import dev.jmlflow.provisioning.IdentityLinkStore;
import dev.jmlflow.provisioning.LinkState;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import dev.jmlflow.engine.RetryProfileModels;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application with the {@code postgres} profile against a real PostgreSQL server (Debian's binaries,
 * started by {@link NativePostgres}): the engine's schema, an async job run by the job executor, and the identity
 * link store migrated by Flyway.
 */
@SpringBootTest(properties = {
    "camunda.bpm.deployment-resource-pattern=classpath*:no-deployment-in-this-test/*.bpmn",
    "camunda.bpm.job-execution.enabled=true"
})
@ActiveProfiles("postgres")
@ExtendWith(NativePostgres.class)
@DirtiesContext // the engine is registered JVM-wide by its name; this context must not outlive the server
class PostgresProfileTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        NativePostgres.register(registry);
    }

    @Autowired
    DataSource dataSource;
    @Autowired
    ProcessEngine engine;
    @Autowired
    RepositoryService repositoryService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    HistoryService historyService;
    @Autowired
    IdentityLinkStore links;

    @Test
    void engineRunsOnPostgres() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
            assertThat(connection.getMetaData().getURL()).isEqualTo(NativePostgres.server().jdbcUrl());
        }
        assertThat(engine.getProcessEngineConfiguration()).extracting("databaseType").isEqualTo("postgres");
    }

    @Test
    void jobsAreAcquiredThroughAnIndexInTheirOrder() throws Exception {
        try (Connection connection = dataSource.getConnection();
             var query = connection.prepareStatement("select indexdef from pg_indexes where tablename = 'act_ru_job' and indexname = ?")) {
            query.setString(1, "jmlflow_idx_job_due_order");
            try (var rows = query.executeQuery()) {
                assertThat(rows.next()).as("the job acquisition index exists").isTrue();
                assertThat(rows.getString(1)).containsIgnoringCase("(priority_ desc, duedate_)");
            }
        }
    }

    @Test
    void asyncJobIsExecutedByTheJobExecutorOnPostgres() throws InterruptedException {
        repositoryService.createDeployment().name("postgres-async-test").addModelInstance("postgres-async.bpmn",
                RetryProfileModels.withRetryProfile(Bpmn.createExecutableProcess("postgresAsync").camundaHistoryTimeToLive(1)
                        .startEvent()
                        .serviceTask("Task_Async").camundaAsyncBefore().camundaExpression("${execution.setVariable('ranAsync', true)}")
                        .endEvent("EndEvent_Done")
                        .done(), "Task_Async", "scim-write")).deploy();

        String id = runtimeService.startProcessInstanceByKey("postgresAsync").getId();

        HistoricProcessInstance finished = awaitEnd(id);
        assertThat(finished.getEndActivityId()).isEqualTo("EndEvent_Done");
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(id).variableName("ranAsync")
                .singleResult().getValue()).isEqualTo(true);
    }

    @Test
    void identityLinkRoundTripsThroughPostgres() {
        links.recordCreateAttempt("cortex", "E-PG-1", "pg.user@example.com");
        assertThat(links.pendingCreate("cortex", "E-PG-1")).isPresent();
        assertThat(links.find("cortex", "E-PG-1")).isEmpty();

        Instant verified = Instant.now().truncatedTo(ChronoUnit.MICROS);
        AccountLink link = new AccountLink("cortex", "E-PG-1", "scim-42", "pg.user@example.com",
                AccountOrigin.CREATED, LinkState.ACTIVE, verified);
        links.save(link);

        assertThat(links.find("cortex", "E-PG-1")).contains(link);
        assertThat(links.pendingCreate("cortex", "E-PG-1")).isEmpty();
        assertThat(links.findByEmployee("E-PG-1")).containsExactly(link);
    }

    private HistoricProcessInstance awaitEnd(String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery()
                    .processInstanceId(id).finished().singleResult();
            if (instance != null) {
                return instance;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the async job of process instance " + id + " did not run within 60 s");
    }
}
