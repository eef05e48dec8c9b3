"use strict";
// The screening of the page: its questions, its review and its history; the
// result is result.js's. It holds no rules and computes no result: the
// evaluator (engine.js, first in the page's one script, no DOM) evaluates the
// card's rules as the Python engine does (tests/views/test_page_engine.py proves the two
// equal), and this file and result.js (before this one) show what it returns.
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

  let data, words, questions, urgentBox, engine, result;
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
      else result(answers, focus);
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
    result = stalkcardResult(data, engine, { el: el, show: show, label: label,
      focusTarget: focusTarget, warningLines: warningLines, startOver: startOver });
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
