// 朗读 (read aloud): reads the main text of a policy, an article, a service
// guide or a news page with the browser's own speech synthesis, in a zh-CN
// voice, with pause and stop. Nothing is fetched: the speech comes from the
// browser or the system. The buttons are hidden in the HTML and shown here
// only when the browser can speak, so a page without JavaScript or without
// speech synthesis has no button that cannot work.
(function () {
  var synth = window.speechSynthesis;
  if (!synth || typeof window.SpeechSynthesisUtterance !== 'function') return;
  // Chromium cuts off an utterance that speaks for longer than about 15
  // seconds: the text is read a sentence or so at a time.
  var CHUNK = 120;
  // What a reader hears is the text, not the links to an article's own page
  // or the words only screen readers need.
  var SKIP = '.read-aloud, .article-link, .visually-hidden, script, style, [hidden], [aria-hidden="true"]';

  var textOf = function (root) {
    var parts = [];
    var walk = function (node) {
      if (node.nodeType === 3) {
        parts.push(node.nodeValue);
        return;
      }
      if (node.nodeType !== 1 || node.matches(SKIP)) return;
      var block = /^(P|LI|H[1-6]|DT|DD|TR|DIV|SECTION|TABLE)$/.test(node.tagName);
      if (block) parts.push('\n');
      for (var c = node.firstChild; c; c = c.nextSibling) walk(c);
      if (node.tagName === 'TD' || node.tagName === 'TH') parts.push('，');
      if (block) parts.push('\n');
    };
    walk(root);
    return parts.join('').replace(/[ \t\u00a0\u3000]+/g, ' ').replace(/\s*\n\s*/g, '\n').trim();
  };

  // Sentences (to 。！？；), lines, and then whole chunks of at most CHUNK.
  var chunks = function (text) {
    var out = [];
    var pieces = text.match(/[^。！？；!?;\n]+[。！？；!?;]*|\n/g) || [];
    var current = '';
    pieces.forEach(function (p) {
      if (p === '\n') {
        if (current.trim()) out.push(current.trim());
        current = '';
        return;
      }
      while (p.length > CHUNK) {
        if (current.trim()) out.push(current.trim());
        current = '';
        out.push(p.slice(0, CHUNK));
        p = p.slice(CHUNK);
      }
      if ((current + p).length > CHUNK && current.trim()) {
        out.push(current.trim());
        current = '';
      }
      current += p;
    });
    if (current.trim()) out.push(current.trim());
    return out;
  };

  var voice = function () {
    var voices = synth.getVoices ? synth.getVoices() : [];
    var lang = function (v) { return (v.lang || '').replace('_', '-').toLowerCase(); };
    return voices.filter(function (v) { return lang(v) === 'zh-cn'; })[0] ||
      voices.filter(function (v) { return lang(v).indexOf('zh') === 0; })[0] || null;
  };

  var wire = function (box) {
    var target = document.querySelector(box.getAttribute('data-read-aloud'));
    if (!target) return;
    var start = box.querySelector('[data-read-start]');
    var pause = box.querySelector('[data-read-pause]');
    var stop = box.querySelector('[data-read-stop]');
    var status = box.querySelector('[data-read-status]');
    var queue = [];
    var reading = false;
    var paused = false;
    var run = 0;

    // idle (with a last word, when the reading ended), reading or paused.
    var show = function (state, said) {
      reading = state !== 'idle';
      paused = state === 'paused';
      start.disabled = reading;
      pause.disabled = !reading;
      stop.disabled = !reading;
      pause.textContent = paused ? '继续' : '暂停';
      box.setAttribute('data-state', state);
      status.textContent = said || { reading: '正在朗读', paused: '已暂停' }[state] || '';
      // A button that is switched off loses the focus: give it to the next.
      var focused = document.activeElement;
      if (focused && focused.disabled) (reading ? pause : start).focus();
    };
    var next = function (mine) {
      if (mine !== run) return;
      var text = queue.shift();
      if (text === undefined) {
        show('idle', '朗读完毕');
        return;
      }
      var u = new SpeechSynthesisUtterance(text);
      u.lang = 'zh-CN';
      var v = voice();
      if (v) {
        try {
          u.voice = v;
        } catch (e) {
          // the lang alone chooses the voice
        }
      }
      u.onend = function () { next(mine); };
      u.onerror = function () { next(mine); };
      synth.speak(u);
    };

    start.addEventListener('click', function () {
      synth.cancel();
      run += 1;
      queue = chunks(textOf(target));
      show('reading');
      next(run);
    });
    pause.addEventListener('click', function () {
      if (!reading) return;
      if (paused) {
        synth.resume();
        show('reading');
      } else {
        synth.pause();
        show('paused');
      }
    });
    stop.addEventListener('click', function () {
      run += 1;
      queue = [];
      synth.cancel();
      show('idle');
    });
    // Leaving the page stops the voice.
    window.addEventListener('pagehide', function () { synth.cancel(); });
    box.hidden = false;
    show('idle');
  };

  var init = function () {
    var boxes = document.querySelectorAll('[data-read-aloud]');
    for (var i = 0; i < boxes.length; i++) wire(boxes[i]);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
