"use strict";
// The screening of the page: its questions, its result and its buttons. It
// holds no rules and computes no result: the evaluator (engine.js, before this
// file in the page's one script, no DOM) evaluates the card's rules as the
// Python engine does (tests/test_html.py proves the two equal), and this file
// shows what it returns.
// Nothing is stored or sent: no cookies, no storage, no requests. Each step is
// a history entry of this page, so the browser's Back steps back.
// It uses nothing newer than Chromium 79 (the first Chromium-based Edge): no
// replaceChildren, replaceAll, at(), optional chaining or "??". Should it fail
// to start, the message in the page's markup stays.
(function () {
  const app = document.getElementById("app");
  const fallback = document.getElementById("fallback");

  function fail() {
    while (app.firstChild) app.removeChild(app.firstChild);
    app.appendChild(fallback);
  }

  let data, words, questions, urgentBox, engine;
  const title = document.title;
  let answers = {};
  let step = 0; // the question asked now; questions.length = the review; + 1 = the result
  let editing = null; // the key changed from the review
  let undo = null; // the answers before "Start forfra"

  function el(tag, text, attrs) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    const names = Object.keys(attrs || {});
    for (let i = 0; i < names.length; i++) node.setAttribute(names[i], attrs[names[i]]);
    return node;
  }

  function empty(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function show(node) {
    empty(app);
    app.appendChild(node);
  }

  function fresh() {
    const out = Object.create(null);
    for (const q of questions) if (q.multiple) out[q.key] = [];
    return out;
  }

  function label(q, value) {
    if (q.multiple) {
      const titles = q.choices.filter((c) => value.indexOf(c.value) >= 0).map((c) => c.label);
      return titles.length ? titles.join(", ") : words.none;
    }
    return q.shown[value] || "";
  }

  function phoneLink(contact) {
    // A name that holds its number already ("Lev Uden Vold (1888)") is not followed by it again.
    const named = contact.name.indexOf("(" + contact.phone + ")") >= 0;
    const text = named ? contact.name : contact.name + ", " + contact.phone;
    const name = named ? words.call_to.split("{name}")[0] + contact.name
      : format(words.call_to, { name: contact.name, phone: contact.phone });
    return el("a", text, {
      href: contact.tel,
      class: "phone",
      "aria-label": name,
    });
  }

  // The urgent supplements' lines (112), each number in it a link to that number.
  function warningLines(box, ids, marked) {
    for (const id of ids) {
      const line = data.supplements[id].line;
      const p = el("p", null, { class: "warning-text" });
      p.appendChild(el("span", "!", { class: "icon", "aria-hidden": "true" }));
      const strong = el("strong");
      strong.appendChild(el("span", words.warning + " ", { class: "visually-hidden" }));
      for (const part of line) strong.append(part[1] ? el("a", part[0], { href: part[1] }) : part[0]);
      const text = el("span");
      text.appendChild(strong);
      if (marked) text.append(" ", el("span", "(" + words.supplement + ")", { class: "mark" }));
      p.appendChild(text);
      box.appendChild(p);
    }
  }

  function showUrgent() {
    const danger = step <= questions.length && data.danger_key ? answers[data.danger_key] : undefined;
    if (danger === urgentBox.getAttribute("data-danger")) return;
    empty(urgentBox);
    warningLines(urgentBox, own(data.danger, danger) || [], true);
    urgentBox.hidden = !urgentBox.firstChild;
    if (danger === undefined) urgentBox.removeAttribute("data-danger");
    else urgentBox.setAttribute("data-danger", danger);
  }

  // History: one entry per step, so the browser's Back steps back.
  function go(next, key) {
    step = next;
    editing = key === undefined ? null : key;
    history.pushState({ step: step, editing: editing }, "");
    render(true);
  }

  function firstMissing() {
    for (let i = 0; i < questions.length; i++) {
      const q = questions[i];
      if (q.required && answers[q.key] === undefined) return i;
    }
    return questions.length;
  }

  function focusTarget(node) {
    window.scrollTo(0, 0);
    node.focus();
  }

  // GOV.UK's error summary: focused, role="alert" on an element inside it, a
  // "There is a problem" heading and a link to the first choice.
  function errorBox(firstId) {
    const box = el("div", null, { class: "error-summary", tabindex: "-1" });
    const alert = el("div", null, { role: "alert" });
    alert.appendChild(el("h4", words.error_title));
    const list = el("ul");
    const link = el("a", words.error_choose, { href: "#" + firstId });
    link.addEventListener("click", (event) => {
      event.preventDefault();
      document.getElementById(firstId).focus();
    });
    list.appendChild(el("li")).appendChild(link);
    alert.appendChild(list);
    box.appendChild(alert);
    return box;
  }

  function askQuestion(index, fromReview, focus) {
    const q = questions[index];
    const form = el("form", null, { novalidate: "" });
    const fieldset = el("fieldset");
    const legend = el("legend");
    const heading = el("h3", null, { tabindex: "-1" });
    if (!fromReview) {
      heading.appendChild(
        el("span", format(words.progress, { number: index + 1, total: questions.length }), {
          class: "progress",
        }),
      );
      heading.appendChild(document.createTextNode(" "));
    }
    heading.appendChild(el("span", q.legend, { class: "question" }));
    legend.appendChild(heading);
    fieldset.appendChild(legend);
    const describedBy = [];
    if (q.context) {
      fieldset.appendChild(el("p", q.context, { class: "context", id: "hint-" + q.key }));
      describedBy.push("hint-" + q.key);
    }
    if (q.hint) {
      fieldset.appendChild(el("p", q.hint, { class: "context", id: "hint2-" + q.key }));
      describedBy.push("hint2-" + q.key);
    }
    const error = el("p", null, { class: "error-message", id: "error-" + q.key, hidden: "" });
    error.appendChild(el("span", words.error_prefix + " ", { class: "visually-hidden" }));
    error.appendChild(document.createTextNode(words.error_choose));
    fieldset.appendChild(error);
    if (describedBy.length) fieldset.setAttribute("aria-describedby", describedBy.join(" "));
    const current = answers[q.key];
    q.choices.forEach((choice, n) => {
      const id = "q-" + q.key + "-" + n;
      const input = el("input", null, {
        type: q.multiple ? "checkbox" : "radio",
        name: q.key,
        value: choice.value,
        id: id,
      });
      input.checked = q.multiple ? (current || []).indexOf(choice.value) >= 0 : current === choice.value;
      const lab = el("label", null, { for: id });
      const text = el("span", choice.label);
      if (choice.detail) text.append(el("br"), el("span", choice.detail, { class: "detail" }));
      lab.append(input, text);
      fieldset.appendChild(lab);
    });
    form.appendChild(fieldset);
    const buttons = el("div", null, { class: "buttons" });
    buttons.appendChild(el("button", fromReview ? words.save : words.next, { type: "submit" }));
    if (index > 0 && !fromReview) {
      const back = el("button", words.back, { type: "button", class: "secondary" });
      back.addEventListener("click", () => {
        read(form, q);
        history.back();
      });
      buttons.appendChild(back);
    }
    form.appendChild(buttons);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (!read(form, q)) {
        const firstId = "q-" + q.key + "-0";
        const old = form.querySelector(".error-summary");
        if (old) form.removeChild(old);
        const summary = errorBox(firstId);
        if (document.title.indexOf(words.error_prefix) !== 0) {
          document.title = words.error_prefix + " " + document.title;
        }
        form.insertBefore(summary, form.firstChild);
        error.hidden = false;
        fieldset.classList.add("has-error");
        fieldset.setAttribute("aria-describedby", describedBy.concat([error.id]).join(" "));
        summary.focus();
        return;
      }
      if (fromReview) history.back();
      else go(index + 1);
    });
    show(form);
    if (focus) focusTarget(heading);
  }

  // The form's answer into `answers`; false when a choice is needed and none is made.
  function read(form, q) {
    const checked = Array.prototype.slice.call(
      form.querySelectorAll("input[name='" + q.key + "']:checked"),
    );
    if (q.multiple) answers[q.key] = checked.map((i) => i.value);
    else if (checked.length) answers[q.key] = checked[0].value;
    else return !q.required;
    if (q.danger) showUrgent();
    return true;
  }

  function review(focus) {
    const box = el("div");
    const heading = el("h3", words.review, { tabindex: "-1" });
    box.appendChild(heading);
    box.appendChild(el("p", words.review_hint));
    const list = el("dl", null, { class: "answers" });
    for (const q of questions) {
      list.appendChild(el("dt", q.review));
      const dd = el("dd", label(q, answers[q.key]) + " ");
      const change = el("button", words.change, {
        type: "button",
        class: "link",
        "aria-label": words.change + ": " + q.review,
      });
      change.addEventListener("click", () => go(questions.length, q.key));
      dd.appendChild(change);
      list.appendChild(dd);
    }
    box.appendChild(list);
    const see = el("button", words.see_result, { type: "button" });
    see.addEventListener("click", () => go(questions.length + 1));
    box.appendChild(see);
    show(box);
    if (focus) focusTarget(heading);
  }

  function say(node, text) {
    node.textContent = "";
    window.setTimeout(() => {
      node.textContent = text;
    }, 50);
  }

  function copyNote(button, status) {
    const text = engine.note(answers, new Date());
    const fallbackCopy = () => {
      const area = el("textarea", null, { class: "offscreen", readonly: "", "aria-hidden": "true" });
      area.value = text;
      document.body.appendChild(area);
      area.select();
      let ok = false;
      try {
        ok = document.execCommand("copy");
      } catch (error) {
        ok = false;
      }
      document.body.removeChild(area);
      button.focus();
      say(status, ok ? words.copied : words.copy_failed);
    };
    if (navigator.clipboard && navigator.clipboard.writeText && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(() => say(status, words.copied), fallbackCopy);
    } else fallbackCopy();
  }

  function saveNote(status) {
    const now = new Date();
    const blob = new Blob([engine.note(answers, now)], { type: "text/plain;charset=utf-8" });
    const url = URL.createObjectURL(blob);
    const link = el("a", null, { href: url, download: format(data.note.file, { when: engine.stamp(now) }) });
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    window.setTimeout(() => URL.revokeObjectURL(url), 10000);
    say(status, words.saved);
  }

  function callList(calls, isLater) {
    const list = el("ul", null, { class: "calls" });
    for (const call of calls) {
      const c = data.contacts[call.id];
      const li = el("li");
      li.appendChild(phoneLink(c));
      const marks = [];
      if (call.why === "suggest") marks.push(words.suggested);
      if (!c.card) marks.push(words.supplement_mark);
      if (!isLater && call.open === false) marks.push(words.closed_now);
      if (!isLater && call.open === null) marks.push(words.hours_not_known);
      const after = (c.unit ? " – " + c.unit : "") + (marks.length ? " " + marks.join(" ") : "");
      if (after) li.appendChild(document.createTextNode(after));
      if (call.why === "suggest" || call.why === "route") li.className = "suggested";
      list.appendChild(li);
    }
    return list;
  }

  // A link of the card's (validated https:// by the card's model).
  function link(url) {
    const p = el("p");
    p.appendChild(el("a", url, { href: url }));
    return p;
  }

  // One step of the result: its title (with the rule's note), its text, where
  // its numbers are (a contacts step), the text after them, and its link.
  function stepItem(pair) {
    const s = data.steps[pair[0]];
    const li = el("li");
    li.appendChild(el("strong", pair[1] ? s.heading + " (" + pair[1] + ")" : s.heading));
    for (const p of s.paragraphs) li.appendChild(el("p", p));
    if (s.contacts.length) li.appendChild(el("p", words.numbers_above, { class: "small" }));
    for (const p of s.after) li.appendChild(el("p", p));
    if (s.url) li.appendChild(link(s.url));
    return li;
  }

  function result(focus) {
    const shape = engine.lookup(answers);
    const box = el("div", null, { id: "result" });
    // What the engine computed, as data for tests and assistive tools.
    box.dataset.assessment = shape.assessment;
    box.dataset.urgent = String(shape.urgent);
    box.dataset.steps = shape.steps.concat(shape.further).map((s) => s[0]).join(" ");
    box.dataset.supplements = shape.supplements.join(" ");
    box.dataset.suggested = shape.suggested.join(" ");
    box.appendChild(el("h3", words.result, { id: "result-heading" }));
    // On paper only: when, and that the caseworker gave the answers (the note's words).
    box.appendChild(el("p", engine.printedAt(new Date()), { class: "only-print", id: "printed-at" }));
    // A printout stands alone: the answers are printed open (the details below are not).
    const printed = el("section", null, { class: "only-print print-answers" });
    printed.appendChild(el("h4", words.your_answers));
    const given = printed.appendChild(el("dl"));
    for (const q of questions) {
      given.appendChild(el("div")).append(el("dt", q.review), el("dd", label(q, answers[q.key])));
    }
    box.appendChild(printed);

    const panel = el("section", null, { class: "panel", "aria-labelledby": "ring-nu" });
    const callHeading = el("h4", words.call_now, { id: "ring-nu", tabindex: "-1" });
    panel.appendChild(callHeading);
    // 112 first when in danger, then the duty to notify when it applies:
    // the supplements' one-line instructions, marked once.
    warningLines(panel, shape.lead, false);
    for (const id of shape.headlines) {
      panel.appendChild(el("p", null, { class: "duty" })).appendChild(
        el("strong", data.supplements[id].headline),
      );
    }
    if (shape.lead.length || shape.headlines.length) {
      panel.appendChild(el("p", "(" + words.supplement + ")", { class: "mark" }));
    }
    const plan = engine.planOf(shape, Date.now());
    for (const block of engine.ringNu(plan)) {
      // "Ring nu:" is the panel's heading already; the hours' caveat follows the list.
      const heading = block[0] === words.ring_now || block[0] === words.ring_now_assumed;
      if (block[0] && !heading) panel.appendChild(el("p", null, { class: "call-status" }))
        .appendChild(el("strong", block[0]));
      if (block[1].length) panel.appendChild(callList(block[1], block[2]));
      if (block[0] === words.ring_now_assumed) {
        panel.appendChild(el("p", words.assumed_note, { class: "small" }));
      }
    }
    if (shape.suggested.length) panel.appendChild(el("p", words.suggestion_note, { class: "small" }));
    box.appendChild(panel);

    const assessment = el("p", null, { class: "assessment" });
    assessment.append(el("strong", words.assessment), " " + data.assessments[shape.assessment].short);
    box.appendChild(assessment);

    box.appendChild(el("h4", words.do_now));
    const ol = el("ol", null, { class: "steps" });
    for (const pair of shape.steps) ol.appendChild(stepItem(pair));
    box.appendChild(ol);
    const groups = [];
    for (const pair of shape.further) {
      const group = data.steps[pair[0]].group;
      if (groups.indexOf(group) < 0) groups.push(group);
    }
    for (const group of groups) {
      box.appendChild(el("h4", data.groups[group].heading));
      for (const p of data.groups[group].paragraphs) box.appendChild(el("p", p));
      if (data.groups[group].url) box.appendChild(link(data.groups[group].url));
      const list = el("ul", null, { class: "steps" });
      for (const pair of shape.further.filter((f) => data.steps[f[0]].group === group)) {
        list.appendChild(stepItem(pair));
      }
      box.appendChild(list);
    }
    if (shape.citizen.length) {
      box.appendChild(el("h4", words.to_citizen));
      const list = el("ul", null, { class: "steps" });
      for (const pair of shape.citizen) {
        list.appendChild(stepItem(pair));
      }
      box.appendChild(list);
    }

    if (shape.supplements.length) {
      const extra = el("section", null, { class: "supplement", "aria-labelledby": "result-tillaeg" });
      extra.appendChild(el("h4", words.supplement, { id: "result-tillaeg" }));
      for (const id of shape.supplements) extra.appendChild(el("p", data.supplements[id].text));
      const sources = el("details", null, { class: "sources" });
      sources.appendChild(el("summary", words.sources));
      const list = el("ul");
      for (const id of shape.supplements) list.appendChild(el("li", data.supplements[id].source));
      sources.appendChild(list);
      extra.appendChild(sources);
      box.appendChild(extra);
    }

    const notes = el("section", null, { class: "note no-print", "aria-labelledby": "notat" });
    notes.appendChild(el("h4", words.note_heading, { id: "notat" }));
    notes.appendChild(el("p", words.note_hint, { class: "small" }));
    const status = el("p", null, { class: "status", role: "status" });
    const copy = el("button", words.copy_note, { type: "button", id: "copy-note" });
    copy.addEventListener("click", () => copyNote(copy, status));
    const save = el("button", words.save_note, { type: "button", class: "secondary", id: "save-note" });
    save.addEventListener("click", () => saveNote(status));
    const print = el("button", words.print, { type: "button", class: "secondary" });
    print.addEventListener("click", () => window.print());
    const buttons = el("div", null, { class: "buttons" });
    buttons.append(copy, save, print);
    notes.append(buttons, status);
    box.appendChild(notes);

    const mine = el("details", null, { class: "no-print" });
    mine.appendChild(el("summary", words.your_answers));
    const dl = el("dl", null, { class: "answers" });
    for (const q of questions) dl.append(el("dt", q.review), el("dd", label(q, answers[q.key])));
    mine.appendChild(dl);
    box.appendChild(mine);
    const card = el("details", null, { class: "no-print" });
    card.appendChild(el("summary", words.card_text));
    card.appendChild(el("p", data.assessments[shape.assessment].text));
    for (const p of data.with_assessment) card.appendChild(el("p", p));
    box.appendChild(card);

    const again = el("button", words.new, { type: "button", class: "link no-print", id: "again" });
    again.addEventListener("click", startOver);
    box.appendChild(again);
    show(box);
    if (focus) focusTarget(callHeading);
  }

  function render(focus) {
    try {
      document.title = title;
      const missing = firstMissing();
      if (missing < questions.length && step > missing) step = missing; // needs the answers before it
      document.body.classList.toggle("has-result", step > questions.length);
      showUrgent();
      if (editing !== null && step === questions.length) {
        askQuestion(questions.findIndex((q) => q.key === editing), true, focus);
      } else if (step < questions.length) askQuestion(step, false, focus);
      else if (step === questions.length) review(focus);
      else result(focus);
    } catch (error) {
      fail();
      throw error;
    }
  }

  function startOver() {
    undo = { answers: answers, step: step };
    answers = fresh();
    go(0);
    const message = el("p", words.cleared + " ", { class: "status" });
    const back = el("button", words.undo, { type: "button", class: "link" });
    back.addEventListener("click", () => {
      answers = undo.answers;
      go(undo.step);
    });
    message.appendChild(back);
    app.insertBefore(message, app.firstChild);
  }

  function jump(event) {
    const target = document.getElementById(event.currentTarget.getAttribute("data-focus"));
    if (!target) return;
    event.preventDefault();
    let focusable = target;
    if (target.id === "screening") {
      focusable = app.querySelector("h3[tabindex], h4[tabindex]") || target.querySelector("h2");
    } else focusable = target.querySelector("h2");
    focusable.focus();
    focusable.scrollIntoView();
  }

  function start() {
    data = JSON.parse(document.getElementById("data").textContent, bare);
    words = data.words;
    questions = data.questions;
    urgentBox = document.getElementById("urgent");
    answers = fresh();
    engine = stalkcardEngine(data);
    // For the tests: the evaluator's answers, beside what the page shows.
    window.stalkcardLookup = engine.lookup;
    window.stalkcardNote = engine.note;
    window.stalkcardPlan = engine.plan;
    window.stalkcardRingNu = (given, ms) => engine.ringNu(engine.plan(given, ms));
    window.stalkcardClosedDay = engine.closedDay;
    window.addEventListener("popstate", (event) => {
      const state = event.state;
      if (!state || typeof state.step !== "number") return;
      step = state.step;
      editing = state.editing === undefined ? null : state.editing;
      render(true);
    });
    for (const link of document.querySelectorAll("[data-focus]")) {
      link.addEventListener("click", jump);
    }
    window.addEventListener("beforeprint", () => {
      const when = document.getElementById("printed-at"); // printed now, not when shown
      if (when) when.textContent = engine.printedAt(new Date());
    });
    history.replaceState({ step: 0, editing: null }, "");
    render(false); // the page opens at the top, with the first question
  }

  try {
    start();
  } catch (error) {
    fail();
    throw error;
  }
})();
