// Marks the page of a Cockpit user without the Admin webapp (IT ops) with .jmlflow-read-only, which
// styles/user-styles.css uses to hide the buttons that change or delete engine data: the engine refuses those
// to ops anyway, with a raw permission dump. This only hides; the authorizations stay the guard.
// Cockpit logs in without reloading the page, so the check runs again on every navigation.
const appRoot = document.querySelector('base').getAttribute('app-root');
const engine = window.location.pathname.split('/')[4] || 'default';

function markReadOnlyUser() {
  fetch(`${appRoot}/api/admin/auth/user/${encodeURIComponent(engine)}`, {credentials: 'same-origin'})
    .then(response => (response.ok ? response.json() : null))
    .then(user => {
      const readOnly = Boolean(user) && !(user.authorizedApps || []).includes('admin');
      document.documentElement.classList.toggle('jmlflow-read-only', readOnly);
    })
    .catch(() => {
      // no answer: leave the page as it is; the next navigation asks again
    });
}

markReadOnlyUser();
window.addEventListener('hashchange', markReadOnlyUser);
