// @ts-nocheck
// Proxmox calendar events (schedules of backup jobs, PBS garbage collection, prune and verify jobs).
/**
 * Calendar events as Proxmox's parser (proxmox-time, documented in proxmox-backup's
 * docs/calendarevents.rst and pve-docs' calendar-events.adoc) reads them:
 * `[WEEKDAY] [[YYYY-]MM-DD] [HH:MM[:SS]]` with `*`, lists `a,b`, ranges `a..b` and
 * repetitions `a/b`, or one of the special words.
 */
export function isCalendarEvent(text: string): boolean {
  const t = text.trim().toLowerCase();
  if (!t) return false;
  if (/^(minutely|hourly|daily|weekly|monthly|yearly|annually|quarterly|semiannually|semi-annually)$/.test(t)) return true;
  const DAY = '(?:mon|tue|wed|thu|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?';
  const dayItem = `${DAY}(?:\\.\\.${DAY})?`;
  const num = '(?:\\*|\\d{1,4}(?:\\.\\.\\d{1,4})?)(?:/\\d{1,4})?';
  const list = `${num}(?:,${num})*`;
  const parts = t.split(/\s+/);
  let i = 0;
  if (new RegExp(`^${dayItem}(?:,${dayItem})*$`).test(parts[i] ?? '')) i++;
  if (parts[i] !== undefined && new RegExp(`^(?:${list}-)?${list}-${list}$`).test(parts[i] as string)) i++;
  if (parts[i] !== undefined && new RegExp(`^${list}(?::${list}){1,2}$`).test(parts[i] as string)) i++;
  else if (parts[i] !== undefined && i > 0 && new RegExp(`^${list}$`).test(parts[i] as string)) i++; // bare hour after a day/date
  return i === parts.length && i > 0;
}

