/* The phone page: join with the PIN, score 20 statements, review, send.
   Answers live in localStorage until the laptop confirms them, so a Wi-Fi drop loses nothing.
   Everything the server sends is shown with textContent, never parsed as HTML. */
(function () {
  "use strict";

  var STRINGS = {
    en: {
      loading: "Loading…",
      welcome: "Score the statements",
      intro: "20 short statements about how Sales and Marketing work together. It takes about five minutes. The room only sees the group's combined results.",
      your_name: "Your name",
      choose_name: "Choose your name…",
      in_use: "in use",
      your_function: "Your function",
      anon_hint: "Your name is not asked. Only your function counts, for the group results.",
      fn_sales: "Sales", fn_marketing: "Marketing", fn_leadership: "Leadership", fn_other: "Other",
      pin: "PIN (shown on the screen)",
      start: "Start",
      back: "Back", next: "Next", review: "Review",
      of: "{n} of {total}",
      review_title: "Check your answers",
      all_answered: "All statements answered. Tap one to change it.",
      to_answer: "{n} still to answer. Tap one to answer it.",
      submit: "Send my answers",
      thanks_title: "Thank you!",
      thanks_text: "Your answers are in. You can still change them until the facilitator closes scoring.",
      pending_text: "Your answers will be sent as soon as the laptop can be reached. Keep this page open.",
      change: "Change my answers",
      retry: "Try again",
      saved: "✓ Saved", sending: "Sending…", not_sent: "Not sent yet, retrying",
      not_saved: "Not saved yet, we keep trying",
      pick_name: "Now choose your name.",
      full: "Everyone expected has joined. Ask the facilitator.",
      phone_in_use: "This phone already scores for someone else. Ask the facilitator.",
      too_many: "Too many phones joined from here. Try again in {n} seconds.",
      closed_title: "Scoring has closed",
      closed_text: "The facilitator has stopped collecting answers. Thank you for taking part.",
      closed_unsent: "{n} answer(s) from this phone did not reach the laptop. Tell the facilitator.",
      unreachable_title: "Cannot reach the laptop",
      unreachable_text: "Check that this phone is on the same Wi-Fi as the facilitator's laptop, then try again.",
      notfound_title: "This link does not work",
      notfound_text: "Scan the code on the screen again.",
      wrong_pin: "That PIN is not right. {n} tries left.",
      locked: "Too many wrong PINs. Try again in {n} seconds.",
      taken: "That name is already in use on another phone. Ask the facilitator.",
      need_name: "Choose your name.",
      need_function: "Choose your function.",
      need_pin: "Enter the PIN shown on the screen.",
      rejoin: "This phone needs to join again. Your answers are kept on it.",
      error: "Something went wrong. Try again."
    },
    nl: {
      loading: "Laden…",
      welcome: "Scoor de stellingen",
      intro: "20 korte stellingen over hoe Sales en Marketing samenwerken. Het kost ongeveer vijf minuten. De zaal ziet alleen de uitkomst van de hele groep.",
      your_name: "Je naam",
      choose_name: "Kies je naam…",
      in_use: "in gebruik",
      your_function: "Je functie",
      anon_hint: "Je naam wordt niet gevraagd. Alleen je functie telt mee, voor de groepsuitkomst.",
      fn_sales: "Sales", fn_marketing: "Marketing", fn_leadership: "Directie", fn_other: "Overig",
      pin: "Pincode (staat op het scherm)",
      start: "Beginnen",
      back: "Terug", next: "Verder", review: "Overzicht",
      of: "{n} van {total}",
      review_title: "Controleer je antwoorden",
      all_answered: "Alle stellingen beantwoord. Tik op een stelling om te wijzigen.",
      to_answer: "Nog {n} te beantwoorden. Tik op een stelling om te antwoorden.",
      submit: "Antwoorden versturen",
      thanks_title: "Bedankt!",
      thanks_text: "Je antwoorden zijn binnen. Je kunt ze nog wijzigen tot de begeleider het scoren afsluit.",
      pending_text: "Je antwoorden worden verstuurd zodra de laptop bereikbaar is. Laat deze pagina open.",
      change: "Antwoorden wijzigen",
      retry: "Opnieuw proberen",
      saved: "✓ Opgeslagen", sending: "Versturen…", not_sent: "Nog niet verstuurd, probeert opnieuw",
      not_saved: "Nog niet opgeslagen, we blijven het proberen",
      pick_name: "Kies nu je naam.",
      full: "Iedereen die verwacht werd, doet al mee. Vraag het de begeleider.",
      phone_in_use: "Deze telefoon scoort al voor iemand anders. Vraag het de begeleider.",
      too_many: "Te veel telefoons vanaf dit adres. Probeer het over {n} seconden opnieuw.",
      closed_title: "Het scoren is gesloten",
      closed_text: "De begeleider heeft het verzamelen van antwoorden gestopt. Bedankt voor je deelname.",
      closed_unsent: "{n} antwoord(en) van deze telefoon zijn niet aangekomen. Meld het de begeleider.",
      unreachable_title: "De laptop is niet bereikbaar",
      unreachable_text: "Controleer of deze telefoon op hetzelfde wifi-netwerk zit als de laptop van de begeleider en probeer het opnieuw.",
      notfound_title: "Deze link werkt niet",
      notfound_text: "Scan de code op het scherm opnieuw.",
      wrong_pin: "Die pincode klopt niet. Nog {n} pogingen.",
      locked: "Te vaak een verkeerde pincode. Probeer het over {n} seconden opnieuw.",
      taken: "Die naam is al in gebruik op een andere telefoon. Vraag het de begeleider.",
      need_name: "Kies je naam.",
      need_function: "Kies je functie.",
      need_pin: "Vul de pincode van het scherm in.",
      rejoin: "Deze telefoon moet opnieuw aanmelden. Je antwoorden blijven bewaard.",
      error: "Er ging iets mis. Probeer het opnieuw."
    }
  };

  var token = location.pathname.split("/")[1] || "";
  var KEY = "aw-phone:" + token;
  var lang = (navigator.language || "").toLowerCase().indexOf("nl") === 0 ? "nl" : "en";
  var info = null;
  var state = loadState();
  var screen = "loading";
  var index = 0;
  var fromReview = false;
  var chosenFunction = null;
  var sending = false;
  var retryTimer = null;
  var retryDelay = 2000;
  var syncProblem = false;
  var notSaved = false;
  var closed = false;
  var names = null;  // named mode: the list, once the PIN has been given

  function $(id) { return document.getElementById(id); }
  function t(key, values) {
    var text = (STRINGS[lang] && STRINGS[lang][key]) || STRINGS.en[key] || key;
    Object.keys(values || {}).forEach(function (k) { text = text.replace("{" + k + "}", String(values[k])); });
    return text;
  }

  function freshState() {
    // "device" outlives a lost join: with it the laptop gives this phone its own participant back.
    return { secret: null, device: null, pin: "", answers: {}, confirmed: {}, finished: false, wantFinish: false };
  }
  function loadState() {
    try {
      var stored = JSON.parse(localStorage.getItem(KEY));
      if (stored && typeof stored === "object" && stored.answers && typeof stored.answers === "object") {
        var s = freshState();
        Object.keys(s).forEach(function (k) { if (k in stored) { s[k] = stored[k]; } });
        return s;
      }
    } catch (e) { /* unreadable storage: start afresh */ }
    return freshState();
  }
  function saveState() {
    try { localStorage.setItem(KEY, JSON.stringify(state)); } catch (e) { /* private mode: keep in memory */ }
  }

  function api(method, path, body) {
    var controller = typeof AbortController === "function" ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, 10000) : null;
    var options = { method: method, cache: "no-store", credentials: "omit", headers: {} };
    if (controller) { options.signal = controller.signal; }
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    if (state.secret) { options.headers["X-Phone-Secret"] = state.secret; }
    return fetch(path, options).then(function (response) {
      if (timer) { clearTimeout(timer); }
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { status: response.status, data: data || {} };
      });
    }, function (error) {
      if (timer) { clearTimeout(timer); }
      throw error;
    });
  }

  function statements() { return info ? info.statements : []; }
  function answeredCount() {
    return statements().filter(function (s) { return state.answers[s.id] !== undefined; }).length;
  }
  function pending() {
    var out = {};
    Object.keys(state.answers).forEach(function (q) {
      if (state.confirmed[q] !== state.answers[q]) { out[q] = state.answers[q]; }
    });
    return out;
  }
  function pendingCount() { return Object.keys(pending()).length; }

  function applyStrings() {
    document.documentElement.lang = lang;
    Array.prototype.forEach.call(document.querySelectorAll("[data-t]"), function (el) {
      el.textContent = t(el.getAttribute("data-t"));
    });
  }

  function show(name) {
    screen = name;
    Array.prototype.forEach.call(document.querySelectorAll(".screen"), function (el) {
      el.hidden = el.id !== "screen-" + name;
    });
    window.scrollTo(0, 0);
  }

  function message(title, text, retry) {
    $("m-title").textContent = title;
    $("m-text").textContent = text;
    $("m-retry").hidden = !retry;
    show("message");
  }

  function showClosed() {
    closed = true;
    var unsent = pendingCount();
    message(t("closed_title"), t("closed_text") + (unsent ? " " + t("closed_unsent", { n: unsent }) : ""), false);
  }

  // --- start ---------------------------------------------------------------------------------

  function start() {
    applyStrings();
    show("loading");
    api("GET", "api/info").then(function (res) {
      if (res.status === 410) { showClosed(); return; }
      if (res.status !== 200) { message(t("notfound_title"), t("notfound_text"), false); return; }
      info = res.data;
      lang = STRINGS[info.language] ? info.language : lang;
      document.title = info.title || document.title;
      applyStrings();
      if (!state.secret) { showJoin(); return; }
      return api("GET", "api/me").then(function (me) {
        if (me.status === 200) {
          state.confirmed = me.data.answers || {};
          state.finished = !!me.data.finished;
          saveState();
          resume();
        } else if (me.status === 410) {
          showClosed();
        } else {
          forgetJoin();
          showJoin(t("rejoin"));
        }
      });
    }).catch(function () {
      message(t("unreachable_title"), t("unreachable_text"), true);
    });
  }

  function resume() {
    var first = statements().findIndex(function (s) { return state.answers[s.id] === undefined; });
    if (first === -1) {
      if (state.finished || state.wantFinish) { showThanks(); } else { showReview(); }
    } else {
      showQuestion(first);
    }
    sync();
  }

  function forgetJoin() {
    state.secret = null;
    state.confirmed = {};
    state.finished = false;
    saveState();
  }

  // --- joining -------------------------------------------------------------------------------

  function showJoin(note) {
    $("join-title").textContent = info.title || "";
    var named = info.mode === "named";
    $("join-named").hidden = !named || !names;
    $("join-anon").hidden = named;
    if (named && names) {
      var select = $("join-name");
      var keep = select.value;
      select.textContent = "";
      var placeholder = document.createElement("option");
      placeholder.value = "";
      placeholder.textContent = t("choose_name");
      select.appendChild(placeholder);
      names.forEach(function (person) {
        var option = document.createElement("option");
        option.value = String(person.id);
        option.textContent = person.name + (person.taken ? " (" + t("in_use") + ")" : "");
        option.disabled = !!person.taken;
        select.appendChild(option);
      });
      select.value = keep;
    } else {
      var box = $("join-functions");
      box.textContent = "";
      (info.functions || []).forEach(function (fn) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "choice";
        button.setAttribute("role", "radio");
        button.setAttribute("aria-checked", String(fn === chosenFunction));
        button.dataset.value = fn;
        button.textContent = t("fn_" + fn);
        button.addEventListener("click", function () {
          chosenFunction = fn;
          Array.prototype.forEach.call(box.children, function (b) {
            b.setAttribute("aria-checked", String(b.dataset.value === fn));
          });
        });
        box.appendChild(button);
      });
    }
    if (state.pin) { $("join-pin").value = state.pin; }
    joinError(note || "");
    show("join");
  }

  function joinError(text) {
    $("join-error").textContent = text;
    $("join-error").hidden = !text;
  }

  function pinRefused(res) {
    if (res.status === 403) {
      joinError(t("wrong_pin", { n: res.data.attempts_left }));
    } else if (res.status === 429) {
      joinError(t(res.data.error === "locked" ? "locked" : "too_many", { n: res.data.retry_after }));
    } else if (res.status === 410) {
      showClosed();
    } else {
      return false;
    }
    return true;
  }

  function fetchNames(pin, note) {
    $("join-go").disabled = true;
    return api("POST", "api/names", { pin: pin }).then(function (res) {
      $("join-go").disabled = false;
      if (res.status === 200) {
        names = res.data.names || [];
        state.pin = pin;
        saveState();
        if (screen === "join" || screen === "loading") { showJoin(note || t("pick_name")); }
      } else if (!pinRefused(res)) {
        joinError(t("error"));
      }
    }).catch(function () {
      $("join-go").disabled = false;
      joinError(t("unreachable_text"));
    });
  }

  function join(event) {
    event.preventDefault();
    var pin = $("join-pin").value.replace(/\s+/g, "");
    if (!pin) { joinError(t("need_pin")); return; }
    var body = { pin: pin };
    if (state.device) { body.secret = state.device; }
    if (info.mode === "named") {
      if (!names || pin !== state.pin) { fetchNames(pin); return; }
      var id = parseInt($("join-name").value, 10);
      if (!id) { joinError(t("need_name")); return; }
      body.participant_id = id;
    } else {
      if (!chosenFunction) { joinError(t("need_function")); return; }
      body["function"] = chosenFunction;
    }
    $("join-go").disabled = true;
    api("POST", "api/join", body).then(function (res) {
      $("join-go").disabled = false;
      if (res.status === 201 || res.status === 200) {
        state.secret = state.device = res.data.secret;
        state.pin = pin;
        state.confirmed = res.data.answers || {};
        state.finished = !!res.data.finished;
        saveState();
        resume();
      } else if (pinRefused(res)) {
        return;
      } else if (res.status === 409) {
        joinError(t(res.data.error === "full" ? "full" : (res.data.error === "phone_in_use" ? "phone_in_use" : "taken")));
        refreshNames();
      } else if (res.status === 404 || res.status === 422) {
        joinError(info.mode === "named" ? t("need_name") : t("need_function"));
        refreshNames();
      } else if (res.status === 503) {
        joinError(t("not_saved"));
      } else {
        joinError(t("error"));
      }
    }).catch(function () {
      $("join-go").disabled = false;
      joinError(t("unreachable_text"));
    });
  }

  function refreshNames() {
    if (info.mode === "named" && state.pin) { fetchNames(state.pin, $("join-error").textContent); }
  }

  // --- one statement per screen -------------------------------------------------------------

  function showQuestion(i) {
    index = Math.max(0, Math.min(i, statements().length - 1));
    var s = statements()[index];
    var total = statements().length;
    $("q-count").textContent = t("of", { n: index + 1, total: total });
    $("q-bar").style.width = Math.round(100 * answeredCount() / total) + "%";
    $("q-text").textContent = s.text;
    var box = $("q-scale");
    box.textContent = "";
    info.scale.forEach(function (point) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "score";
      button.setAttribute("role", "radio");
      button.setAttribute("aria-checked", String(state.answers[s.id] === point.value));
      button.dataset.value = String(point.value);
      var num = document.createElement("span");
      num.className = "num";
      num.textContent = String(point.value);
      var label = document.createElement("span");
      label.className = "label";
      label.textContent = point.label;
      button.appendChild(num);
      button.appendChild(label);
      button.addEventListener("click", function () { answer(s.id, point.value); });
      box.appendChild(button);
    });
    $("q-back").disabled = index === 0;
    $("q-next").disabled = state.answers[s.id] === undefined || index === total - 1;
    showSync();
    if (screen !== "question") { show("question"); }
  }

  function answer(qid, value) {
    state.answers[qid] = value;
    saveState();
    sync();
    showQuestion(index);
    var total = statements().length;
    var allDone = answeredCount() === total;
    setTimeout(function () {
      if (screen !== "question") { return; }
      if (fromReview || (allDone && index === total - 1)) {
        fromReview = false;
        showReview();
      } else if (index < total - 1) {
        showQuestion(index + 1);
      } else {
        showReview();
      }
    }, 220);
  }

  // --- review, send, thanks -----------------------------------------------------------------

  function showReview() {
    fromReview = false;
    var list = $("r-list");
    list.textContent = "";
    var missing = 0;
    statements().forEach(function (s, i) {
      var value = state.answers[s.id];
      if (value === undefined) { missing += 1; }
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      if (value === undefined) { button.className = "missing"; }
      var n = document.createElement("span");
      n.className = "n";
      n.textContent = String(i + 1);
      var text = document.createElement("span");
      text.className = "t";
      text.textContent = s.text;
      var v = document.createElement("span");
      v.className = "v";
      v.textContent = value === undefined ? "–" : String(value);
      button.appendChild(n);
      button.appendChild(text);
      button.appendChild(v);
      button.addEventListener("click", function () { fromReview = true; showQuestion(i); });
      item.appendChild(button);
      list.appendChild(item);
    });
    $("r-summary").textContent = missing ? t("to_answer", { n: missing }) : t("all_answered");
    $("r-submit").disabled = missing > 0;
    $("r-error").hidden = true;
    show("review");
  }

  function submit() {
    if (answeredCount() < statements().length) { showReview(); return; }
    state.wantFinish = true;
    saveState();
    showThanks();
    sync();
  }

  function showThanks() {
    var done = state.finished && pendingCount() === 0;
    $("screen-thanks").querySelector(".lead").textContent = done ? t("thanks_text") : t("pending_text");
    showSync();
    show("thanks");
  }

  // --- sending ------------------------------------------------------------------------------

  function showSync() {
    var waiting = pendingCount() > 0 || (state.wantFinish && !state.finished);
    var text = !waiting ? (Object.keys(state.answers).length ? t("saved") : "") :
      (notSaved ? t("not_saved") : (syncProblem ? t("not_sent") : t("sending")));
    var cls = "sync " + (!waiting ? "ok" : (syncProblem ? "wait" : ""));
    ["q-sync", "t-sync"].forEach(function (id) { $(id).textContent = text; $(id).className = cls; });
  }

  function retryLater(seconds) {
    syncProblem = true;
    showSync();
    clearTimeout(retryTimer);
    var delay = seconds ? seconds * 1000 : retryDelay;
    retryDelay = Math.min(retryDelay * 2, 15000);
    retryTimer = setTimeout(sync, delay);
  }

  function sync() {
    if (sending || !state.secret || closed) { showSync(); return; }
    var toSend = pending();
    var finish = state.wantFinish && (!state.finished || Object.keys(toSend).length > 0);
    if (!Object.keys(toSend).length && !finish) { syncProblem = false; showSync(); return; }
    sending = true;
    showSync();
    api("POST", "api/answers", { secret: state.secret, answers: toSend, finish: finish })
      .then(function (res) {
        sending = false;
        notSaved = res.status === 503;
        if (res.status === 200) {
          state.confirmed = res.data.answers || {};
          state.finished = !!res.data.finished;
          if (state.finished) { state.wantFinish = false; }
          saveState();
          syncProblem = false;
          retryDelay = 2000;
          if (pendingCount() > 0 || (state.wantFinish && !state.finished)) { sync(); }
          if (screen === "thanks") { showThanks(); } else { showSync(); }
        } else if (res.status === 410) {
          showClosed();
        } else if (res.status === 401) {
          forgetJoin();
          showJoin(t("rejoin"));
        } else if (res.status === 429 || res.status === 503) {
          retryLater(res.data.retry_after || 30);
        } else if (res.status === 422 && res.data.error === "incomplete") {
          state.wantFinish = false;
          saveState();
          showReview();
          $("r-error").textContent = t("to_answer", { n: (res.data.missing || []).length });
          $("r-error").hidden = false;
        } else if (res.status === 422 && res.data.error === "refused") {
          // The laptop no longer knows this participant (removed meanwhile): join afresh.
          forgetJoin();
          showJoin(t("rejoin"));
        } else if (res.status >= 400 && res.status < 500) {
          syncProblem = true;  // a refusal resending cannot repair: say so, do not loop
          showSync();
        } else {
          retryLater();
        }
      }, function () {
        sending = false;
        retryLater();
      });
  }

  // --- wiring -------------------------------------------------------------------------------

  $("join-form").addEventListener("submit", join);
  $("q-back").addEventListener("click", function () { fromReview = false; showQuestion(index - 1); });
  $("q-next").addEventListener("click", function () { showQuestion(index + 1); });
  $("q-review").addEventListener("click", showReview);
  $("r-submit").addEventListener("click", submit);
  $("t-change").addEventListener("click", showReview);
  $("m-retry").addEventListener("click", start);
  window.addEventListener("online", function () { retryDelay = 2000; sync(); });
  document.addEventListener("visibilitychange", function () { if (!document.hidden) { sync(); } });
  start();
}());
