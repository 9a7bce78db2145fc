package dev.jmlflow.notification;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Direct links into Camunda Tasklist, as people outside the server reach it. */
@Component
public class TasklistLinks {

    private final String tasklistBase;

    public TasklistLinks(NotificationProperties properties,
                         @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
        String base = properties.publicUrl().toString().replaceAll("/+$", "");
        String path = ("/" + webappPath).replaceAll("/+", "/").replaceAll("/$", "");
        this.tasklistBase = base + path + "/app/tasklist/default/";
    }

    public String task(String taskId) {
        return tasklistBase + "#/?task=" + URLEncoder.encode(taskId, StandardCharsets.UTF_8);
    }

    public String tasklist() {
        return tasklistBase;
    }
}
