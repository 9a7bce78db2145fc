// A Tasklist header action linking to jmlflow's request view. The view is served at the root of the app, next to
// the webapps' application path (camunda.bpm.webapp.application-path, e.g. /camunda), so its address is that
// path's parent plus /requests.
const webapps = window.location.pathname.split('/app/tasklist/')[0];
const requests = webapps.substring(0, webapps.lastIndexOf('/')) + '/requests';

export default {
  id: 'jmlflow.requests-link',
  pluginPoint: 'tasklist.navbar.action',
  priority: 50,
  render: (node) => {
    const link = document.createElement('a');
    link.href = requests;
    link.textContent = 'Requests';
    link.title = 'What happened to each request';
    link.className = 'jmlflow-requests-link';
    node.appendChild(link);
  }
};
