"use strict";
// The page's evaluator: the rules, result, call plan, "Ring nu" and note from
// the page's data, as the Python engine computes them (engine.evaluate,
// callplan.plan_at, views.ringnu, views.note; tests/views/test_page_engine.py requires the
// same for the same answers and moments). No DOM, no storage, no clock but the
// moments given; the UI (result.js, page.js, after it) shows what it returns.

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

// The evaluator for the page's data (views.page.page_data).
function stalkcardEngine(data) {
  const words = data.words;
  const questions = data.questions;

  // A rule's condition as the engine's plan.holds: every "when" answer
  // among its allowed values, and, when there is a "when_any", one of those.
  // Each part is {question, allowed}.
  function holds(rule, given) {
    for (const part of rule.when) {
      if (part.allowed.indexOf(own(given, part.question)) < 0) return false;
    }
    if (!rule.any.length) return true;
    for (const part of rule.any) if (part.allowed.indexOf(own(given, part.question)) >= 0) return true;
    return false;
  }

  // engine.evaluate, on the same rules.
  function evaluate(given) {
    const rules = data.rules;
    let assessment = null;
    for (const rule of rules.assessment) {
      if (holds(rule, given)) {
        assessment = rule.result;
        break;
      }
    }
    if (assessment === null) assessment = rules.assessment[rules.assessment.length - 1].result;
    const urgent = rules.urgent.some((rule) => holds(rule, given));
    const notes = Object.create(null);
    for (const rule of rules.steps) {
      if (!holds(rule, given)) continue;
      for (const id of rule.show) {
        // A step shown without a note by any rule is shown without one.
        notes[id] = has(notes, id) && notes[id] === null ? null : rule.note;
      }
    }
    const steps = data.step_order.filter((id) => has(notes, id))
      .map((id) => [id, notes[id]]);
    const shown = Object.create(null);
    for (const rule of rules.supplements) {
      if (holds(rule, given)) for (const id of rule.show) shown[id] = true;
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
      if (!holds(rule, given)) return;
      for (const id of rule.show) {
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
    const out = data.citizen_roles.filter((r) => found.indexOf(r) >= 0);
    return out.length ? out : data.citizen_roles;
  }

  // What the result shows (views.shape.result_shape): the steps now and further,
  // the suggestion first in "Ring nu", the headlines.
  function lookup(given) {
    const r = evaluate(given);
    const now = r.steps.filter((s) => data.steps[s[0]].group === null);
    const further = r.steps.filter(
      (s) => data.steps[s[0]].group !== null && !data.steps[s[0]].citizen);
    // The card's advice to pass on to the citizen (views.citizen_steps).
    const citizen = r.steps.filter((s) => data.steps[s[0]].citizen === true);
    // The urgent supplements this result shows lead it (the engine's Result.lead).
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

  // The case note `check --note` writes (views.note.assemble), from its pieces.
  function noteDate(now) {
    const d = danishTime(now.getTime());
    const date = d.date.slice(8, 10) + "." + d.date.slice(5, 7) + "." + d.date.slice(0, 4);
    return format(data.note.date_at, { date: date, time: d.clock });
  }

  // The printed result's first line: the note's date line and whose answers.
  function printedAt(now) {
    const head = data.note.head;
    return head[1].split("{when}").join(noteDate(now)) + " " + head[4];
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


  // Who answers now: callplan.plan_at, evaluated on the same data in Danish
  // time (tests/views/test_page_engine.py proves the two equal at many moments).
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

  return {
    lookup: lookup,
    note: note,
    planOf: callPlan,
    ringNu: ringNu,
    stamp: stamp,
    printedAt: printedAt,
  };
}
