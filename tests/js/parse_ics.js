// Parse an .ics file with Mozilla's ical.js (the parser inside Thunderbird and
// Nextcloud) and print what a calendar client sees, as JSON on stdout.
//
//   node tests/js/parse_ics.js FILE.ics
//
// Output: {"calendar": {...}, "timezones": [...], "events": [{uid, summary, description,
// location, categories, start, end, rrule, occurrences, x}]}. A date is
// {"date": "2024-10-15"}; a date-time is {"dateTime": "2024-10-16T08:30:00",
// "tzid": "Asia/Ho_Chi_Minh", "utc": "2024-10-16T01:30:00Z"}, its UTC instant
// computed by ical.js from the VTIMEZONE in the file.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

function pad(n, width = 2) {
  return String(n).padStart(width, "0");
}

function describeTime(time) {
  if (time === null || time === undefined) {
    return null;
  }
  if (time.isDate) {
    return { date: `${pad(time.year, 4)}-${pad(time.month)}-${pad(time.day)}` };
  }
  const local = `${pad(time.year, 4)}-${pad(time.month)}-${pad(time.day)}T` +
    `${pad(time.hour)}:${pad(time.minute)}:${pad(time.second)}`;
  const utc = time.convertToZone(ICAL.Timezone.utcTimezone);
  const utcText = `${pad(utc.year, 4)}-${pad(utc.month)}-${pad(utc.day)}T` +
    `${pad(utc.hour)}:${pad(utc.minute)}:${pad(utc.second)}Z`;
  return { dateTime: local, tzid: time.zone ? time.zone.tzid : null, utc: utcText };
}

function main() {
  const path = process.argv[2];
  if (!path) {
    process.stderr.write("usage: node parse_ics.js FILE.ics\n");
    process.exit(2);
  }
  const component = new ICAL.Component(ICAL.parse(readFileSync(path, "utf8")));

  const timezones = [];
  for (const vtimezone of component.getAllSubcomponents("vtimezone")) {
    const zone = new ICAL.Timezone(vtimezone);
    ICAL.TimezoneService.register(zone);
    timezones.push(zone.tzid);
  }

  const events = [];
  for (const vevent of component.getAllSubcomponents("vevent")) {
    const event = new ICAL.Event(vevent);
    const rrule = vevent.getFirstPropertyValue("rrule");
    const occurrences = [];
    if (event.isRecurring()) {
      const iterator = event.iterator();
      for (let i = 0; i < 3; i++) {
        const next = iterator.next();
        if (!next) break;
        occurrences.push(describeTime(next));
      }
    }
    const x = {};
    for (const property of vevent.getAllProperties()) {
      if (property.name.startsWith("x-")) {
        x[property.name.toUpperCase()] = property.getFirstValue();
      }
    }
    const categories = [];
    for (const property of vevent.getAllProperties("categories")) {
      categories.push(...property.getValues());
    }
    events.push({
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      location: event.location,
      categories,
      start: describeTime(event.startDate),
      end: describeTime(event.endDate),
      rrule: rrule ? rrule.toString() : null,
      occurrences,
      x,
    });
  }

  const calendar = {
    prodid: component.getFirstPropertyValue("prodid"),
    version: component.getFirstPropertyValue("version"),
    calscale: component.getFirstPropertyValue("calscale"),
    name: component.getFirstPropertyValue("x-wr-calname"),
    timezone: component.getFirstPropertyValue("x-wr-timezone"),
  };
  process.stdout.write(JSON.stringify({ calendar, timezones, events }, null, 1) + "\n");
}

main();
