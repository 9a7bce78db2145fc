package dev.jmlflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.GetCamundaFormDefinitionCmd;
import org.camunda.bpm.engine.impl.form.CamundaFormRefImpl;
import org.camunda.bpm.engine.repository.CamundaFormDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The real processes/ and forms/ go out as one deployment, so every BPMN can reference its forms with
 * {@code camunda:formRefBinding="deployment"}, and each form is found by its id.
 */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
class FormDeploymentTest {

    @Autowired
    ProcessEngine engine;
    @Autowired
    RepositoryService repositoryService;

    @Test
    void processesDecisionsAndFormsAreOneDeployment() {
        List<Deployment> deployments = repositoryService.createDeploymentQuery().list();
        assertThat(deployments).hasSize(1);
        String deploymentId = deployments.get(0).getId();

        assertThat(repositoryService.createProcessDefinitionQuery().list())
                .extracting(ProcessDefinition::getKey).contains("joiner", "mover", "leaver")
                .hasSameSizeAs(repositoryService.createProcessDefinitionQuery().deploymentId(deploymentId).list());
        assertThat(repositoryService.createDecisionDefinitionQuery().count())
                .isEqualTo(repositoryService.createDecisionDefinitionQuery().deploymentId(deploymentId).count());
    }

    @Test
    void everyFormOnTheClasspathIsDeployedAndFoundByItsId() throws IOException {
        Resource[] forms = new PathMatchingResourcePatternResolver().getResources("classpath*:forms/*.form");
        assertThat(forms).isNotEmpty();
        String deploymentId = repositoryService.createDeploymentQuery().singleResult().getId();

        for (String formId : Arrays.stream(forms).map(FormDeploymentTest::formId).toList()) {
            // the lookup Tasklist triggers for camunda:formRef="<id>" camunda:formRefBinding="deployment"
            CamundaFormDefinition form = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                    .getCommandExecutorTxRequired()
                    .execute(new GetCamundaFormDefinitionCmd(new CamundaFormRefImpl(formId, "deployment"), deploymentId));
            assertThat(form).as("form %s", formId).isNotNull();
        }
    }

    private static String formId(Resource form) {
        try (InputStream in = form.getInputStream()) {
            return new ObjectMapper().readTree(in).get("id").asText();
        } catch (IOException e) {
            throw new IllegalStateException(form.getDescription(), e);
        }
    }
}
