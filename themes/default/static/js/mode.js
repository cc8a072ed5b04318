// 长辈模式 (elderly mode): larger text, stronger contrast, a simpler layout.
// Loaded (not deferred) in <head>, so the remembered choice is applied to
// <html> before the first paint; then the header's switch, hidden without
// JavaScript, is shown and wired up. The pages are complete without it.
(function () {
  var KEY = 'gongkai-elder';
  var root = document.documentElement;
  var stored = function () {
    try {
      return localStorage.getItem(KEY) === '1';
    } catch (e) {
      return false; // storage blocked: the mode lasts for this page only
    }
  };
  var apply = function (on) {
    root.classList.toggle('elder', on);
    var buttons = document.querySelectorAll('[data-elder-toggle]');
    for (var i = 0; i < buttons.length; i++) buttons[i].setAttribute('aria-pressed', on ? 'true' : 'false');
  };
  apply(stored());
  var wire = function () {
    var buttons = document.querySelectorAll('[data-elder-toggle]');
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
      buttons[i].addEventListener('click', function () {
        var on = !root.classList.contains('elder');
        try {
          if (on) localStorage.setItem(KEY, '1');
          else localStorage.removeItem(KEY);
        } catch (e) {
          // not remembered; still switched on this page
        }
        apply(on);
      });
    }
    apply(root.classList.contains('elder'));
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', wire);
  else wire();
  // Another tab switched the mode: follow it.
  window.addEventListener('storage', function (e) {
    if (e.key === KEY) apply(e.newValue === '1');
  });
})();
