// HANDOFF_HOURS, such as "Mon-Fri 08:00-18:00 Europe/Berlin": when agents can be expected.
// Read with Intl in the given time zone, so daylight saving is handled by the platform.
import { z } from 'zod';

const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

export const officeHoursSchema = z
    .string()
    .trim()
    .regex(/^(Sun|Mon|Tue|Wed|Thu|Fri|Sat)(-(Sun|Mon|Tue|Wed|Thu|Fri|Sat))? ([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d [A-Za-z_]+(\/[A-Za-z_+-]+)*$/, 'must look like "Mon-Fri 08:00-18:00 Europe/Berlin"')
    .transform((text, ctx) => {
        const [dayRange, timeRange, timeZone] = text.split(' ') as [string, string, string];
        try {
            new Intl.DateTimeFormat('en-US', { timeZone });
        } catch {
            ctx.addIssue({ code: 'custom', message: `has an unknown time zone "${timeZone}"` });
            return z.NEVER;
        }
        const [firstDay, lastDay = firstDay] = dayRange.split('-') as [(typeof days)[number], (typeof days)[number]?];
        const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
        const [open, close] = timeRange.split('-').map(minutes) as [number, number];
        return { text, timeZone, firstDay: days.indexOf(firstDay), lastDay: days.indexOf(lastDay), open, close };
    });

export type OfficeHours = z.infer<typeof officeHoursSchema>;

export function isOpen(hours: OfficeHours, now: Date): boolean {
    const parts = Object.fromEntries(
        new Intl.DateTimeFormat('en-US', { timeZone: hours.timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
            .formatToParts(now)
            .map((p) => [p.type, p.value])
    );
    const day = days.indexOf(parts.weekday as (typeof days)[number]);
    const minute = Number(parts.hour) * 60 + Number(parts.minute);
    // A range like Fri-Mon wraps around the week.
    const inDays = hours.firstDay <= hours.lastDay ? day >= hours.firstDay && day <= hours.lastDay : day >= hours.firstDay || day <= hours.lastDay;
    return inDays && minute >= hours.open && minute < hours.close;
}
