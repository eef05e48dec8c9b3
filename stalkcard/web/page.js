"use strict";
// The screening of `stalkcard html`. It holds no rules: the result of every
// combination of answers was computed by stalkcard's engine when the page was
// written; this script asks the questions and looks the answer up. Nothing is
// stored or sent: no cookies, no storage, no history entries, no requests.
(function () {
  const data = JSON.parse(document.getElementById("data").textContent);
  const words = data.words;
  const app = document.getElementById("app");
  const urgentBox = document.getElementById("urgent");
  const questions = data.questions;
  let answers = {};
  let step = 0; // the question asked now; questions.length = the review
  let editing = null; // the key changed from the review

  function el(tag, text, attrs) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, value);
    return node;
  }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, (all, name) => (name in values ? values[name] : all));
  }

  function defaults() {
    const out = {};
    for (const q of questions) out[q.key] = Array.isArray(q.default) ? [] : q.default;
    return out;
  }

  // The combination's number, as the page was written: mixed radix over the axes.
  function lookup(given) {
    let number = 0;
    for (const [key, values] of data.axes) {
      const at = values.indexOf(given[key]);
      if (at < 0) throw new Error("unknown answer " + key);
      number = number * values.length + at;
    }
    const row = data.shapes[data.index[number]];
    const shape = {};
    data.part_names.forEach((name, n) => {
      shape[name] = data.parts[name][row[n]];
    });
    return shape;
  }
  window.stalkcardLookup = lookup; // for the tests: the page's own lookup

  function label(q, value) {
    if (q.multiple) {
      const titles = value.map((v) => data.forms[v]);
      return titles.length ? titles.join(", ") : words.none;
    }
    const choice = q.choices.find((c) => c.value === value);
    return choice ? choice.label : value;
  }

  function showUrgent() {
    urgentBox.replaceChildren();
    const shown = data.urgent_by_danger[answers.danger] || [];
    if (!shown.length) {
      urgentBox.hidden = true;
      return;
    }
    const heading = answers.danger === "unknown" ? words.possible_urgent : words.urgent;
    urgentBox.append(el("p", heading, { class: "headline" }));
    for (const id of shown) {
      const s = data.supplements[id];
      urgentBox.append(el("p", s.headline || s.text, { class: "headline" }));
      urgentBox.append(el("p", words.supplement));
      urgentBox.append(el("p", s.text));
      urgentBox.append(el("p", format(words.source, { source: s.source }), { class: "source" }));
    }
    urgentBox.hidden = false;
  }

  function focusFirst(container) {
    const target =
      container.querySelector("input:checked") || container.querySelector("input, button");
    if (target) target.focus();
  }

  function askQuestion(index, fromReview, focus) {
    const q = questions[index];
    const form = el("form", null, { novalidate: "" });
    const fieldset = el("fieldset");
    const legend = el("legend", q.legend);
    fieldset.append(legend);
    if (!fromReview) {
      fieldset.append(
        el("p", format(words.progress, { number: index + 1, total: questions.length }), {
          class: "progress",
        }),
      );
    }
    if (q.context) fieldset.append(el("p", q.context, { class: "context" }));
    if (q.hint) fieldset.append(el("p", q.hint, { class: "context" }));
    const current = answers[q.key];
    q.choices.forEach((choice, n) => {
      const id = "q-" + q.key + "-" + n;
      const input = el("input", null, {
        type: q.multiple ? "checkbox" : "radio",
        name: q.key,
        value: choice.value,
        id: id,
      });
      input.checked = q.multiple ? current.includes(choice.value) : current === choice.value;
      const lab = el("label", null, { for: id });
      const text = el("span", choice.label);
      if (choice.detail) text.append(el("br"), el("span", choice.detail, { class: "detail" }));
      lab.append(input, text);
      fieldset.append(lab);
    });
    form.append(fieldset);
    const next = el("button", fromReview ? words.save : words.next, { type: "submit" });
    form.append(next);
    if (index > 0 && !fromReview) {
      const back = el("button", words.back, { type: "button", class: "secondary" });
      back.addEventListener("click", () => {
        read(form, q);
        step = index - 1;
        render();
      });
      form.append(back);
    }
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      read(form, q);
      if (q.key === "danger") showUrgent();
      if (fromReview) editing = null;
      else step = index + 1;
      render();
    });
    app.replaceChildren(form);
    if (focus) focusFirst(form);
  }

  function read(form, q) {
    const checked = [...form.querySelectorAll("input[name='" + q.key + "']:checked")];
    answers[q.key] = q.multiple ? checked.map((i) => i.value) : checked[0] ? checked[0].value : q.default;
  }

  function review() {
    const box = el("div");
    box.append(el("h3", words.review, { tabindex: "-1" }));
    const list = el("dl", null, { class: "answers" });
    for (const q of questions) {
      list.append(el("dt", q.review));
      const dd = el("dd", label(q, answers[q.key]) + " ");
      const change = el("button", words.change, {
        type: "button",
        class: "secondary",
        "aria-label": words.change + ": " + q.review,
      });
      change.addEventListener("click", () => {
        editing = q.key;
        render();
      });
      dd.append(change);
      list.append(dd);
    }
    box.append(list);
    const go = el("button", words.see_result, { type: "button" });
    go.addEventListener("click", () => {
      step = questions.length + 1;
      render();
    });
    box.append(go);
    app.replaceChildren(box);
    go.focus();
  }

  function contactLine(id, suggested) {
    const c = data.contacts[id];
    const li = el("li");
    const who = c.unit ? c.name + ", " + c.unit : c.name;
    li.append(el("a", c.phone, { href: c.tel, class: "phone" }), " " + who);
    if (suggested) li.append(" " + words.suggested);
    return li;
  }

  function supplementBox(ids, urgent) {
    const box = el("div", null, { class: urgent ? "supplement urgent" : "supplement", role: "note" });
    box.append(el("h4", words.supplement));
    for (const id of ids) {
      const s = data.supplements[id];
      box.append(el("p", s.text));
      box.append(el("p", format(words.source, { source: s.source }), { class: "source" }));
    }
    return box;
  }

  function result() {
    const shape = lookup(answers);
    const box = el("div", null, { id: "result" });
    // What the engine computed, as data for tests and assistive tools.
    box.dataset.assessment = shape.assessment;
    box.dataset.urgent = String(shape.urgent);
    box.dataset.steps = shape.steps.map((s) => s[0]).join(" ");
    box.dataset.supplements = shape.supplements.join(" ");
    box.dataset.suggested = shape.suggested.join(" ");
    const heading = el("h3", words.result, { tabindex: "-1" });
    box.append(heading);
    const urgentIds = shape.supplements.filter((id) => data.urgent_supplements.includes(id));
    if (shape.urgent) {
      const alarm = answers.danger === "unknown" ? words.possible_urgent : words.urgent;
      box.append(el("p", alarm, { class: "headline" }));
      if (urgentIds.length) box.append(supplementBox(urgentIds, true));
    }
    box.append(el("p", data.assessments[shape.assessment].text));
    for (const p of data.mistanke) box.append(el("p", p));
    box.append(el("h3", words.do_now));
    const ol = el("ol");
    for (const [id, note] of shape.steps) {
      const step = data.steps[id];
      const li = el("li");
      li.append(el("strong", note ? step.heading + " (" + note + ")" : step.heading));
      for (const p of step.paragraphs) li.append(el("p", p));
      if (step.contacts.length) {
        const ul = el("ul");
        for (const cid of step.contacts) ul.append(contactLine(cid, false));
        li.append(ul);
      }
      for (const p of step.after) li.append(el("p", p));
      ol.append(li);
    }
    box.append(ol);
    const rest = shape.supplements.filter((id) => !urgentIds.includes(id));
    if (rest.length) box.append(supplementBox(rest, false));
    box.append(el("h3", words.your_answers));
    const dl = el("dl", null, { class: "answers" });
    for (const q of questions) {
      dl.append(el("dt", q.review), el("dd", label(q, answers[q.key])));
    }
    box.append(dl);
    const summary = el("div", null, { class: "summary", id: "summary" });
    summary.append(el("h3", words.in_short));
    if (shape.urgent) {
      for (const id of data.urgent_supplements) {
        const s = data.supplements[id];
        summary.append(el("p", s.headline || s.text, { class: "headline urgent-line" }));
      }
      summary.append(el("p", "(" + words.supplement + ")", { class: "source" }));
    }
    summary.append(el("p", format(words.assessment, { text: data.assessments[shape.assessment].short })));
    summary.append(el("p", words.call_now, { class: "call" }));
    const calls = el("ul");
    for (const [cid, suggested] of shape.call_now) calls.append(contactLine(cid, suggested));
    summary.append(calls);
    if (shape.suggested.length) summary.append(el("p", words.suggestion_note, { class: "source" }));
    box.append(summary);
    const again = el("button", words.new, { type: "button", class: "secondary" });
    again.addEventListener("click", clear);
    box.append(again);
    app.replaceChildren(box);
    heading.focus();
  }

  function render(focus = true) {
    if (editing !== null) askQuestion(questions.findIndex((q) => q.key === editing), true, focus);
    else if (step < questions.length) askQuestion(step, false, focus);
    else if (step === questions.length) review();
    else result();
  }

  function clear() {
    answers = defaults();
    step = 0;
    editing = null;
    urgentBox.replaceChildren(); // danger is not answered yet
    urgentBox.hidden = true;
    render();
    app.prepend(el("p", words.cleared, { class: "progress" }));
  }

  document.getElementById("clear").addEventListener("click", () => {
    clear();
  });
  for (const node of document.querySelectorAll(".only-script")) node.hidden = false;
  answers = defaults();
  render(false); // the page opens at the card, not at the first question
})();
