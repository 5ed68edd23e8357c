/* global window, location, fetch */
// Runs before the app's own code has downloaded: starts the requests the first page makes (who
// is signed in, and Today's agenda when Today is the page), so that they travel while the
// scripts load and parse instead of after. The app's API client takes these responses once
// (takeEarly in src/api/client.ts). Plain script, no imports: it must stay tiny.
(function () {
  var early = {};
  var get = function (path) {
    early[path] = fetch(path, {
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
    });
  };
  if (location.pathname === '/' && !location.search) {
    get('/api/v1/me');
    get('/api/v1/today');
  }
  window.__momentumEarly = early;
})();
