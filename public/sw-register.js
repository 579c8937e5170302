// Registers the service worker (public/sw.js) and tells the app when a new version is installed
// and waiting: the `pismo-update` event, and `pismoUpdateWaiting()` for an app that started
// later. `pismoUpdate()` lets the waiting version take over and reloads once it has.
(() => {
  if (!('serviceWorker' in navigator)) return;
  let registration = null;
  const waiting = () => !!(registration && registration.waiting && navigator.serviceWorker.controller);
  const tell = () => { if (waiting()) window.dispatchEvent(new Event('pismo-update')); };
  window.pismoUpdateWaiting = waiting;
  window.pismoUpdate = () => {
    if (!waiting()) return;
    navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), { once: true });
    registration.waiting.postMessage('pismo-update');
  };
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('./sw.js').then((r) => {
      registration = r;
      tell();
      r.addEventListener('updatefound', () => {
        const next = r.installing;
        if (next) next.addEventListener('statechange', () => { if (next.state === 'installed') tell(); });
      });
    }).catch((e) => console.warn('Pismo works online only here: the service worker was refused.', e));
  });
})();
