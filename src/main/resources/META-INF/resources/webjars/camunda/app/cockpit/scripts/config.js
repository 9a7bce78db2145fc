// jmlflow's Cockpit configuration (replaces the webjar's all-comments default; options: Camunda 7.24 manual,
// "Cockpit configuration"). The custom script hides the editing buttons from users who may not edit (README, Ops).
export default {
  customScripts: ['scripts/jmlflow-read-only']
};
