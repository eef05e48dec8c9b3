"use strict";
// The screening of the page. It holds no rules of its own: it evaluates the
// card's rules, stored as stalkcard's engine reads them, exactly as the engine
// does (screening.evaluate; tests/test_html.py proves the two equal), and puts
// the case note together from pieces the note renderer wrote.
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

  let data, words, questions, urgentBox;
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

  // Every object keyed by card text (ids a card may choose, such as
  // "constructor") has no prototype, and every lookup checks own properties:
  // an inherited name must never count as an answer, a rule or a contact.
  function has(obj, key) {
    return obj !== null && obj !== undefined && Object.prototype.hasOwnProperty.call(obj, key);
  }

  function own(obj, key) {
    return has(obj, key) ? obj[key] : undefined;
  }

  // JSON.parse's reviver: every object of the page's data without a prototype.
  function bare(key, value) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
    const out = Object.create(null);
    for (const name of Object.keys(value)) out[name] = value[name];
    return out;
  }

  // "{name}" in a template replaced by a value, taken as text ("$&" stays "$&").
  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, (all, name) => (has(values, name) ? values[name] : all));
  }

  function fresh() {
    const out = Object.create(null);
    for (const q of questions) if (q.multiple) out[q.key] = [];
    return out;
  }

  // A rule's condition as the engine's screening._holds: every "when" answer
  // among its allowed values, and, when there is a "when_any", one of those.
  function holds(condition, given) {
    const when = condition[0];
    const any = condition[1];
    for (const part of when) if (part[1].indexOf(own(given, part[0])) < 0) return false;
    if (!any.length) return true;
    for (const part of any) if (part[1].indexOf(own(given, part[0])) >= 0) return true;
    return false;
  }

  // screening.evaluate, on the same rules.
  function evaluate(given) {
    const rules = data.rules;
    let assessment = null;
    for (const rule of rules.assessment) {
      if (holds(rule[0], given)) {
        assessment = rule[1];
        break;
      }
    }
    if (assessment === null) assessment = rules.assessment[rules.assessment.length - 1][1];
    const urgent = rules.urgent.some((condition) => holds(condition, given));
    const notes = Object.create(null);
    for (const rule of rules.steps) {
      if (!holds(rule[0], given)) continue;
      for (const id of rule[1]) {
        // A step shown without a note by any rule is shown without one.
        notes[id] = has(notes, id) && notes[id] === null ? null : rule[2];
      }
    }
    const steps = data.step_order.filter((id) => has(notes, id))
      .map((id) => [id, notes[id]]);
    const shown = Object.create(null);
    for (const rule of rules.supplements) {
      if (holds(rule[0], given)) for (const id of rule[1]) shown[id] = true;
    }
    const supplements = data.supplement_order.filter((id) => has(shown, id));
    const routed = fired(rules.route, given, "route");
    const suggested = fired(rules.suggest, given, "suggest");
    return { assessment: assessment, urgent: urgent, steps: steps, supplements: supplements,
      routed: routed, suggested: suggested,
      calls: calls(urgent, routed, suggested, steps), roles: roles(given) };
  }

  // CompiledCard.fired: the contacts holding rules name, each with the first
  // rule that named it ("route 1"), in order.
  function fired(list, given, name) {
    const out = [];
    const seen = Object.create(null);
    list.forEach((rule, i) => {
      if (!holds(rule[0], given)) return;
      for (const id of rule[1]) {
        if (has(seen, id)) continue;
        seen[id] = true;
        out.push([id, name + " " + (i + 1)]);
      }
    });
    return out;
  }

  // CompiledCard.calls: "Ring nu" in one order, the urgent lines when urgent,
  // the card's routing, the tool's suggestion, the shown contacts steps'.
  function calls(urgent, routed, suggested, steps) {
    const out = [];
    const seen = Object.create(null);
    const add = (id, why, rule) => {
      if (has(seen, id)) return;
      seen[id] = true;
      out.push([id, why, rule]);
    };
    if (urgent) for (const id of data.urgent_lines) add(id, "urgent", "urgent");
    for (const pair of routed) add(pair[0], "route", pair[1]);
    for (const pair of suggested) add(pair[0], "suggest", pair[1]);
    for (const step of steps) {
      for (const id of data.steps[step[0]].contacts) {
        if (urgent || !data.contacts[id].urgent_only) add(id, "step", step[0]);
      }
    }
    return out;
  }

  // CompiledCard.citizen_roles: who the citizen is by a chosen choice's role.
  function roles(given) {
    const found = [];
    for (const r of data.roles) if (own(given, r[0]) === r[1]) found.push(r[2]);
    const out = ["victim", "perpetrator"].filter((r) => found.indexOf(r) >= 0);
    return out.length ? out : ["victim", "perpetrator"];
  }

  // What the result shows (web.result_shape): the steps to take now and the
  // further ones, the suggestion first in "Ring nu", the headlines.
  function lookup(given) {
    const r = evaluate(given);
    const now = r.steps.filter((s) => data.steps[s[0]].group === null);
    const further = r.steps.filter(
      (s) => data.steps[s[0]].group !== null && !data.steps[s[0]].citizen);
    // The card's advice to pass on to the citizen (views.citizen_steps).
    const citizen = r.steps.filter((s) => data.steps[s[0]].citizen === true);
    // The urgent supplements this result shows lead it (screening's Result.lead).
    const lead = r.urgent ? r.supplements.filter((id) => data.supplements[id].urgent) : [];
    const headlines = r.supplements.filter(
      (id) => data.supplements[id].headline && lead.indexOf(id) < 0,
    );
    return { assessment: r.assessment, urgent: r.urgent, steps: now, further: further,
      citizen: citizen, supplements: r.supplements, lead: lead, suggested: r.suggested.map((p) => p[0]),
      calls: r.calls, roles: r.roles, headlines: headlines };
  }

  // The note's file name: "2026-11-26-1405", in Danish time (as `check` names it).
  function stamp(now) {
    const d = danishTime(now.getTime());
    return d.date + "-" + d.clock.replace(":", "");
  }

  // The case note `check --note` writes (note.assemble), put together from
  // the pieces the note renderer wrote, for the result evaluated here.
  function noteDate(now) {
    const d = danishTime(now.getTime());
    const date = d.date.slice(8, 10) + "." + d.date.slice(5, 7) + "." + d.date.slice(0, 4);
    return format(data.note.date_at, { date: date, time: d.clock });
  }

  // The printed result's first line: the note's date line and whose answers.
  function printedAt() {
    const head = data.note.head;
    return head[1].split("{when}").join(noteDate(new Date())) + " " + head[4];
  }

  function note(given, now) {
    const n = data.note;
    const shape = lookup(given);
    const head = n.head;
    let lines = [head[0], head[1].split("{when}").join(noteDate(now)), head[3], head[4], head[5], ""];
    if (shape.urgent) {
      const said = shape.lead.map((id) => n.supplements.headlines[id]).join(" ");
      lines.push((n.urgent[own(given, n.danger_key)] + ": " + said).replace(/[: ]+$/, ""), "");
    }
    lines.push(n.answers);
    for (const q of questions) {
      const value = own(given, q.key);
      if (has(n.one, q.key)) {
        lines.push(n.one[q.key][value]);
      } else {
        const m = n.many[q.key];
        const chosen = Object.keys(m.labels).filter((id) => value.indexOf(id) >= 0)
          .map((id) => m.labels[id]);
        lines.push(m.prefix + (chosen.length ? chosen.join(", ") : m.none));
      }
    }
    const a = n.assessment;
    lines.push("", a.heading, a.text[shape.assessment]);
    const c = n.calls;
    if (shape.calls.length) {
      lines.push("", c.heading);
      for (const call of shape.calls) lines.push(c.line[call[0]][call[1]]);
      if (shape.suggested.length) lines.push(c.suggested);
    }
    const st = n.steps;
    const title = (pair) => st.titles[pair[0] + "\u0000" + (pair[1] || "")];
    lines.push("", st.heading);
    shape.steps.forEach((pair, i) => {
      lines.push((i + 1) + ". " + title(pair) + ": " + st.bodies[pair[0]]);
    });
    const seen = [];
    for (const pair of shape.further) {
      const group = n.step_group[pair[0]];
      if (seen.indexOf(group) < 0) {
        seen.push(group);
        lines.push(st.groups[group]);
      }
      lines.push("- " + title(pair) + (has(st.links, pair[0]) ? st.links[pair[0]] : ""));
    }
    if (shape.citizen.length) lines.push(st.citizen);
    for (const pair of shape.citizen) {
      lines.push("- " + title(pair) + (has(st.links, pair[0]) ? st.links[pair[0]] : ""));
    }
    const sup = n.supplements;
    if (shape.supplements.length) {
      lines.push("", sup.heading);
      for (const id of shape.supplements) lines.push("- " + sup.titles[id]);
    }
    lines = lines.concat([""], n.done);
    const found = [];
    for (const id of shape.supplements) {
      for (const site of sup.sites[id]) if (found.indexOf(site) < 0) found.push(site);
    }
    if (found.length) lines.push("", n.sources.split("{sites}").join(found.join(", ")));
    return lines.map((line) => line.replace(/\s+$/, "")).join("\n").replace(/\s+$/, "") + "\n";
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
    const text = note(answers, new Date());
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
    const blob = new Blob([note(answers, now)], { type: "text/plain;charset=utf-8" });
    const url = URL.createObjectURL(blob);
    const link = el("a", null, { href: url, download: format(data.note.file, { when: stamp(now) }) });
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    window.setTimeout(() => URL.revokeObjectURL(url), 10000);
    say(status, words.saved);
  }

  // Who answers now: callplan.plan_at, evaluated on the same data in Danish
  // time (tests/test_html.py proves the two equal at many moments).
  const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
  const DANISH = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/Copenhagen", year: "numeric", month: "2-digit", day: "2-digit",
    weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
  });

  // A moment in Danish time: the date ("2026-12-25"), weekday (0 = Monday),
  // clock ("10:00"); `ahead` days later keeps the clock (as the engine's
  // calendar arithmetic does).
  function danishTime(ms) {
    const parts = {};
    for (const part of DANISH.formatToParts(new Date(ms))) parts[part.type] = part.value;
    const day = DAYS.indexOf(parts.weekday.slice(0, 3).toLowerCase());
    return { date: parts.year + "-" + parts.month + "-" + parts.day, day: day,
      clock: parts.hour.replace("24", "00") + ":" + parts.minute };
  }

  function later(now, ahead) {
    const d = new Date(Date.UTC(+now.date.slice(0, 4), +now.date.slice(5, 7) - 1,
      +now.date.slice(8, 10) + ahead));
    return { date: d.toISOString().slice(0, 10), day: (now.day + ahead) % 7, clock: now.clock };
  }

  // holidays.closed_day: a public holiday, or a closed day of the card's own.
  // holidays.easter: the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
  function easter(year) {
    const a = year % 19, b = Math.floor(year / 100), c = year % 100;
    const d = Math.floor(b / 4), e = b % 4, f = Math.floor((b + 8) / 25);
    const g = Math.floor((b - f + 1) / 3), h = (19 * a + b - d - g + 15) % 30;
    const i = Math.floor(c / 4), k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
    const m = Math.floor((a + 11 * h + 22 * l) / 451);
    const n = h + l - 7 * m + 114;
    return Date.UTC(year, Math.floor(n / 31) - 1, (n % 31) + 1);
  }

  // holidays.public_holidays: the year's holidays as "YYYY-MM-DD" -> name.
  const holidayYears = Object.create(null);
  function publicHolidays(year) {
    if (has(holidayYears, year)) return holidayYears[year];
    const out = Object.create(null);
    const iso = (ms) => new Date(ms).toISOString().slice(0, 10);
    for (const f of data.holidays.fixed) out[iso(Date.UTC(year, f[0] - 1, f[1]))] = f[2];
    const sunday = easter(year);
    for (const m of data.holidays.moving) out[iso(sunday + m[0] * 86400000)] = m[1];
    if (year <= data.holidays.bededag[0]) out[iso(sunday + 26 * 86400000)] = data.holidays.bededag[1];
    holidayYears[year] = out;
    return out;
  }

  function closedDay(moment) {
    const year = publicHolidays(+moment.date.slice(0, 4));
    if (has(year, moment.date)) return year[moment.date];
    const md = moment.date.slice(5);
    if (data.closed_days.indexOf(md) >= 0) {
      return words.closed_day + " " + (+md.slice(3)) + "." + (+md.slice(0, 2)) + ".";
    }
    return null;
  }

  // callplan.is_open: true, false or null (hours not known).
  function isOpen(contact, now) {
    if (contact.always) return true;
    if (!contact.hours) return null;
    if (closedDay(now)) return false;
    return contact.hours.some((w) => w.days.indexOf(DAYS[now.day]) >= 0 && w.opens <= now.clock
      && now.clock < w.closes);
  }

  // callplan.next_opening, within 15 days.
  function nextOpening(contact, now) {
    if (contact.always || !contact.hours) return null;
    for (let ahead = 0; ahead < 15; ahead++) {
      const day = later(now, ahead);
      if (closedDay(day)) continue;
      let best = null;
      for (const w of contact.hours) {
        if (w.days.indexOf(DAYS[day.day]) < 0 || (ahead === 0 && w.opens <= now.clock)) continue;
        if (best === null || w.opens < best) best = w.opens;
      }
      if (best !== null) return { ahead: ahead, day: day.day, clock: best };
    }
    return null;
  }

  function forWhom(contact, roles) {
    if (!contact.for.length) return true;
    return contact.for.some((a) => a === "professional" || roles.indexOf(a) >= 0);
  }

  function callPlan(shape, ms) {
    const now = danishTime(ms);
    const plan = { calls: [], after_hours: false, hours_unknown: false, round_the_clock: [],
      reopens: null, assumed: false, holiday: closedDay(now), no_hours: !data.has_hours, now: now,
      time_unknown: false }; // the page always knows its own time
    for (const call of shape.calls) {
      const c = data.contacts[call[0]];
      plan.calls.push({ id: call[0], why: call[1], rule: call[2], open: isOpen(c, now),
        next: nextOpening(c, now) });
    }
    // Everyone on "Ring nu" but the urgent lines: are their hours the tool's guess?
    const leading = plan.calls.filter((c) => c.why !== "urgent");
    plan.assumed = leading.some((c) => {
      const hours = data.contacts[c.id].hours;
      return !data.contacts[c.id].always && hours && hours.some((w) => w.assumed);
    });
    const open = leading.filter((c) => c.open === true).length;
    const unknown = leading.filter((c) => c.open === null).length;
    plan.after_hours = leading.length > 0 && open === 0 && unknown === 0;
    plan.hours_unknown = open === 0 && unknown > 0;
    if (plan.after_hours || plan.hours_unknown || !leading.length) {
      const listed = plan.calls.map((c) => data.contacts[c.id].phone);
      plan.round_the_clock = data.always.filter((id) => {
        const c = data.contacts[id];
        return listed.indexOf(c.phone) < 0 && (shape.urgent || !c.urgent_only)
          && forWhom(c, shape.roles);
      });
    }
    if (plan.after_hours) {
      for (const c of leading) {
        const next = c.next;
        if (next && (!plan.reopens || next.ahead < plan.reopens.ahead
          || (next.ahead === plan.reopens.ahead && next.clock < plan.reopens.clock))) {
          plan.reopens = next;
        }
      }
    }
    return plan;
  }

  function atText(day, clock, holiday) {
    const text = format(words.at_time, { day: words.weekdays[day], time: clock });
    return holiday ? holiday + ", " + text : text;
  }

  // views.ring_nu: the blocks of "Ring nu", each a line of text and its calls.
  function ringNu(plan) {
    const urgent = plan.calls.filter((c) => c.why === "urgent");
    const rest = plan.calls.filter((c) => c.why !== "urgent");
    let lines = [];
    if (plan.round_the_clock.length) {
      lines = [[plan.after_hours ? words.until_open : words.if_not_reached,
        plan.round_the_clock.map((id) => ({ id: id, why: "always", open: true })), false]];
    }
    if (!plan.after_hours && !plan.hours_unknown) {
      return [[plan.assumed ? words.ring_now_assumed : words.ring_now, urgent.concat(rest), false]]
        .concat(lines);
    }
    const when = atText(plan.now.day, plan.now.clock, plan.holiday);
    const out = urgent.length ? [[words.ring_now, urgent, false]] : [];
    if (plan.after_hours) {
      out.push([format(plan.assumed ? words.after_hours_assumed : words.after_hours,
        { when: when }), [], false]);
      const back = plan.reopens ? format(words.from_when,
        { when: atText(plan.reopens.day, plan.reopens.clock, null) }) : words.when_open_again;
      return out.concat(lines, [[back, rest, true]]);
    }
    out.push([format(plan.no_hours ? words.no_hours : words.hours_unknown, { when: when }), rest,
      false]);
    return out.concat(lines);
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

  function result(focus) {
    const shape = lookup(answers);
    const box = el("div", null, { id: "result" });
    // What the engine computed, as data for tests and assistive tools.
    box.dataset.assessment = shape.assessment;
    box.dataset.urgent = String(shape.urgent);
    box.dataset.steps = shape.steps.concat(shape.further).map((s) => s[0]).join(" ");
    box.dataset.supplements = shape.supplements.join(" ");
    box.dataset.suggested = shape.suggested.join(" ");
    box.appendChild(el("h3", words.result, { id: "result-heading" }));
    // On paper only: when, and that the caseworker gave the answers (the note's words).
    box.appendChild(el("p", printedAt(), { class: "only-print", id: "printed-at" }));
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
    const plan = callPlan(shape, Date.now());
    for (const block of ringNu(plan)) {
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
    for (const pair of shape.steps) {
      const s = data.steps[pair[0]];
      const li = el("li");
      li.appendChild(el("strong", pair[1] ? s.heading + " (" + pair[1] + ")" : s.heading));
      for (const p of s.paragraphs) li.appendChild(el("p", p));
      if (s.contacts.length) li.appendChild(el("p", words.numbers_above, { class: "small" }));
      for (const p of s.after) li.appendChild(el("p", p));
      if (s.url) li.appendChild(link(s.url));
      ol.appendChild(li);
    }
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
        const s = data.steps[pair[0]];
        const li = el("li");
        li.appendChild(el("strong", pair[1] ? s.heading + " (" + pair[1] + ")" : s.heading));
        for (const p of s.paragraphs) li.appendChild(el("p", p));
        if (s.url) li.appendChild(link(s.url));
        list.appendChild(li);
      }
      box.appendChild(list);
    }
    if (shape.citizen.length) {
      box.appendChild(el("h4", words.to_citizen));
      const list = el("ul", null, { class: "steps" });
      for (const pair of shape.citizen) {
        const s = data.steps[pair[0]];
        const li = el("li");
        li.appendChild(el("strong", pair[1] ? s.heading + " (" + pair[1] + ")" : s.heading));
        for (const p of s.paragraphs) li.appendChild(el("p", p));
        if (s.url) li.appendChild(link(s.url));
        list.appendChild(li);
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
    window.stalkcardLookup = lookup; // for the tests: the page's own evaluation
    window.stalkcardNote = note; // and its note
    window.stalkcardPlan = (given, ms) => callPlan(lookup(given), ms); // and its call plan
    window.stalkcardRingNu = (given, ms) => ringNu(callPlan(lookup(given), ms)); // its blocks
    window.stalkcardClosedDay = (date) => closedDay({ date: date }); // and its holidays
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
      if (when) when.textContent = printedAt();
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
