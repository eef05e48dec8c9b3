"use strict";
// The result of the screening on the page: "Ring nu", the assessment, the
// steps, the supplements, the case note's buttons and the answers given. Like
// page.js it computes nothing: the evaluator (engine.js) gives the result, the
// call plan, "Ring nu" and the note, and this file puts them in the DOM.
// page.js (after this file in the page's one script) asks the questions and
// calls the function this file's stalkcardResult returns with the answers; it
// lends it its small DOM helpers (`ui`). Nothing newer than Chromium 79, as
// page.js.
function stalkcardResult(data, engine, ui) {
  const words = data.words;
  const questions = data.questions;
  const el = ui.el;
  const show = ui.show;
  const label = ui.label;
  const focusTarget = ui.focusTarget;
  const warningLines = ui.warningLines;

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

  function say(node, text) {
    node.textContent = "";
    window.setTimeout(() => {
      node.textContent = text;
    }, 50);
  }

  function copyNote(answers, button, status) {
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

  function saveNote(answers, status) {
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

  function result(answers, focus) {
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
    copy.addEventListener("click", () => copyNote(answers, copy, status));
    const save = el("button", words.save_note, { type: "button", class: "secondary", id: "save-note" });
    save.addEventListener("click", () => saveNote(answers, status));
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
    again.addEventListener("click", ui.startOver);
    box.appendChild(again);
    show(box);
    if (focus) focusTarget(callHeading);
  }

  return result;
}
