/* "Beluister artikel": read the article aloud with the browser's own speech synthesis, in the
   page's language, and the browser's share sheet. Progressive enhancement: the controls stay
   hidden unless the browser has a voice for the language (or navigator.share). No requests. */
(function () {
  "use strict";

  function setupShare() {
    var button = document.querySelector("[data-share]");
    if (!button || typeof navigator.share !== "function") return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.share({ title: button.dataset.shareTitle, url: button.dataset.shareUrl }).catch(function () {});
    });
  }

  function setupListen() {
    var box = document.querySelector("[data-listen]");
    var synth = window.speechSynthesis;
    if (!box || !synth || typeof window.SpeechSynthesisUtterance !== "function") return;
    var lang = (box.dataset.listenLang || document.documentElement.lang || "nl").toLowerCase();
    var start = box.querySelector("[data-listen-start]");
    var pause = box.querySelector("[data-listen-pause]");
    var resume = box.querySelector("[data-listen-resume]");
    var stop = box.querySelector("[data-listen-stop]");
    var status = box.querySelector("[data-listen-status]");
    var messages = lang === "en"
      ? { playing: "Reading aloud.", paused: "Paused.", stopped: "Stopped." }
      : { playing: "Wordt voorgelezen.", paused: "Gepauzeerd.", stopped: "Gestopt." };
    var voice = null;

    function findVoice() {
      var voices = synth.getVoices() || [];
      for (var i = 0; i < voices.length; i++) {
        var voiceLang = (voices[i].lang || "").toLowerCase().replace("_", "-");
        if (voiceLang === lang || voiceLang.indexOf(lang + "-") === 0) return voices[i];
      }
      return null;
    }

    function show(state) {
      start.hidden = state !== "stopped";
      pause.hidden = state !== "playing";
      resume.hidden = state !== "paused";
      stop.hidden = state === "stopped";
      status.textContent = messages[state];
    }

    function chunks() {
      var parts = [];
      document.querySelectorAll("[data-listen-text] h1, [data-listen-text] h2, [data-listen-text] h3, [data-listen-text] p, [data-listen-text] li, [data-listen-text] blockquote").forEach(function (element) {
        if (element.closest("[data-listen], .article-tools, .chips, figure, .card, .meta, .reactions")) return;
        var text = element.textContent.replace(/\s+/g, " ").trim();
        if (text) parts.push(text);
      });
      return parts;
    }

    function speak() {
      synth.cancel();
      var parts = chunks();
      parts.forEach(function (text, index) {
        var utterance = new SpeechSynthesisUtterance(text);
        utterance.lang = voice.lang || lang;
        utterance.voice = voice;
        if (index === parts.length - 1) utterance.onend = function () { show("stopped"); };
        synth.speak(utterance);
      });
      show("playing");
    }

    start.addEventListener("click", speak);
    pause.addEventListener("click", function () { synth.pause(); show("paused"); resume.focus(); });
    resume.addEventListener("click", function () { synth.resume(); show("playing"); pause.focus(); });
    stop.addEventListener("click", function () { synth.cancel(); show("stopped"); start.focus(); });
    window.addEventListener("pagehide", function () { synth.cancel(); });

    function enable() {
      voice = findVoice();
      if (voice && box.hidden) {
        box.hidden = false;
        show("stopped");
        status.textContent = "";
      }
    }
    enable();
    if (!voice && typeof synth.addEventListener === "function") synth.addEventListener("voiceschanged", enable);
  }

  function init() { setupListen(); setupShare(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
