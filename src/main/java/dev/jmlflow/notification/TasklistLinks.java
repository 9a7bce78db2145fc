package dev.jmlflow.notification;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Direct links into Camunda Tasklist and to jmlflow's request view, as people outside the server reach them. */
@Component
public class TasklistLinks {

    private final String tasklistBase;
    private final String requests;

    public TasklistLinks(NotificationProperties properties,
                         @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
        String base = properties.publicUrl().toString().replaceAll("/+$", "");
        String path = ("/" + webappPath).replaceAll("/+", "/").replaceAll("/$", "");
        this.tasklistBase = base + path + "/app/tasklist/default/";
        this.requests = base + "/requests";
    }

    public String task(String taskId) {
        return tasklistBase + "#/?task=" + URLEncoder.encode(taskId, StandardCharsets.UTF_8);
    }

    public String tasklist() {
        return tasklistBase;
    }

    /** The request view: what happened to each request the reader started or approves. */
    public String requests() {
        return requests;
    }
}
