// Generated forms of a code (fast-check): any 4-8 digit code, written in any Unicode decimal
// digit script, full-width or superscript, joined by the separators keyboards produce and split
// by invisible characters, in a sentence that names it as a code or PIN, is removed, and the words
// around it come out exactly as typed. Then the activity-level redaction the bot runs first.
import { expect } from 'chai';
import fc from 'fast-check';
import { redactDeep } from '../../bot/privacy/redactDeep';
import { redactIncomingActivity } from '../../bot/privacy/redactionMiddleware';
import { redactionMarker, redactSecurityCodes } from '../../bot/privacy/redactSecurityCodes';
import { skeleton } from '../../tools/privacy/scoreRedaction';

/** Zero of some of the scripts whose digits people's keyboards produce. */
const zeros = [0x30, 0x660, 0x6f0, 0x966, 0x9e6, 0xe50, 0xff10, 0x1d7ce, 0x1d7ec];
const superscripts = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
const separators = ['', ' ', '  ', '-', '_', '/', ',', '.', ' - ', '\u00a0', '\u200b', '\u200d', '\u2060', '\u00ad'];
const frames: [string, string][] = [
    ['my code is ', ''],
    ['the pin ', ' is not accepted'],
    ['Mein Code ist ', ', bitte helfen'],
    ['I typed [', '] and it failed'],
    ['PIN: ', '!'],
    ['', ' is my code']
];

const writtenCode = fc
    .record({
        digits: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 4, maxLength: 8 }),
        script: fc.integer({ min: 0, max: zeros.length }),
        separator: fc.constantFrom(...separators),
        frame: fc.constantFrom(...frames)
    })
    .map(({ digits, script, separator, frame }) => {
        const glyph = (d: number) => (script === zeros.length ? superscripts[d]! : String.fromCodePoint(zeros[script]! + d));
        const code = digits.map(glyph).join(separator);
        return { digits: digits.join(''), code, frame };
    });

describe('redaction of generated code forms', () => {
    it('removes the code whatever its digits and separators, and keeps the words around it as typed', () => {
        fc.assert(
            fc.property(writtenCode, ({ digits, code, frame: [before, after] }) => {
                const result = redactSecurityCodes(before + code + after);
                expect(result.redacted).to.equal(true);
                expect(result.text).to.equal(before + redactionMarker + after);
                expect(skeleton(result.text)).not.to.include(digits);
            }),
            { numRuns: 500 }
        );
    });

    it('keeps the original text around a code exactly as typed, invisible characters and all', () => {
        expect(redactSecurityCodes('Grüße\u200b, mein Code ist ４８２１ — danke 🙂').text).to.equal(`Grüße\u200b, mein Code ist ${redactionMarker} — danke 🙂`);
    });
});

describe('redacting a whole incoming activity', () => {
    it('removes codes from values, attachment contents and names, speech, summary and display names', () => {
        const activity = {
            type: 'message',
            text: 'hello',
            speak: 'pin 4821',
            summary: 'code 4821',
            value: { answer: 'my code is 4821', nested: [{ deeper: 'pin 4 8 2 1' }] },
            attachments: [{ contentType: 'application/json', name: 'pin 4821.txt', content: { note: 'code ４８２１' } }],
            from: { id: 'u', name: 'PIN 4821' },
            conversation: { id: 'c', name: 'code 4821' },
            membersAdded: [{ id: 'm', name: 'pin 4821' }]
        };
        expect(redactIncomingActivity(activity as never)).to.equal(true);
        expect(skeleton(JSON.stringify(activity))).not.to.include('4821');
        expect(activity.text).to.equal('hello');
    });

    it('does not warn the person about a display name, which they did not type here', () => {
        const activity = { type: 'message', text: 'hello', from: { id: 'u', name: 'PIN 4821' } };
        expect(redactIncomingActivity(activity as never)).to.equal(false);
        expect(activity.from.name).to.equal(`PIN ${redactionMarker}`);
    });

    it('redacts keys too, keeps "__proto__" a plain key, and stops at a depth no card reaches', () => {
        const parsed = JSON.parse('{"__proto__": {"polluted": "pin 4821"}, "code 4821": true}') as unknown;
        const { value, redacted } = redactDeep(parsed);
        expect(redacted).to.equal(true);
        expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
        expect(JSON.stringify(value)).to.equal(`{"__proto__":{"polluted":"pin ${redactionMarker}"},"code ${redactionMarker}":true}`);
        let deep: unknown = 'pin 4821';
        for (let i = 0; i < 100; i++) deep = [deep];
        expect(JSON.stringify(redactDeep(deep).value)).not.to.include('4821');
    });
});
