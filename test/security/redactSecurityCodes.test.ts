// Which typed strings count as a security code (removed) and which do not (car models, years,
// step numbers, app versions): the first line of the bot's privacy.
import { expect } from 'chai';
import { redactionMarker, redactSecurityCodes } from '../../bot/privacy/redactSecurityCodes';

describe('redactSecurityCodes', () => {
    const redacted: [string, string][] = [
        ['4821', '[redacted code]'],
        ['my code is 4821', 'my code is [redacted code]'],
        ['48 21', '[redacted code]'],
        ['4 8 2 1', '[redacted code]'],
        ['4-8-2-1', '[redacted code]'],
        ['it says my code 12-34 is wrong', 'it says my code [redacted code] is wrong'],
        ['pin: 0000', 'pin: [redacted code]'],
        ['PIN=0000', 'PIN=[redacted code]'],
        ['pin:0000', 'pin:[redacted code]'],
        ['my PIN-code is 5555', 'my PIN-code is [redacted code]'],
        ['code: 4 8 2 1', 'code: [redacted code]'],
        ['security code: 9876 not accepted', 'security code: [redacted code] not accepted'],
        ['passcode 123456', 'passcode [redacted code]'],
        ['I typed 1234', 'I typed [redacted code]'],
        ['(4821)', '([redacted code])'],
        ['code is 4821!', 'code is [redacted code]!'],
        ['the code is A7X9K2', 'the code is [redacted code]'],
        ['my pin is a7x9k2', 'my pin is [redacted code]'],
        ['code A7X9K2 fails', 'code [redacted code] fails'],
        ['code a1b2', 'code [redacted code]']
    ];
    for (const [input, expected] of redacted) {
        it(`removes the code from ${JSON.stringify(input)}`, () => {
            const result = redactSecurityCodes(input);
            expect(result.text).to.equal(expected);
            expect(result.redacted).to.equal(true);
        });
    }

    const kept = [
        'my x3 will not connect',
        "my bmw i4 won't connect",
        'the 330i app shows an error',
        'my 2019 x5 will not connect',
        'I bought it in 2019',
        'model year 2021',
        'step 3 did not work',
        'step 12 is confusing',
        'the app version 4.2',
        'app version 4.2.1 crashes',
        'iOS 17.4',
        'X5 M50i',
        'm340i',
        'I have an iX xDrive40'
    ];
    for (const input of kept) {
        it(`keeps ${JSON.stringify(input)} as it is`, () => {
            expect(redactSecurityCodes(input)).to.deep.equal({ text: input, redacted: false });
        });
    }

    it('redacts every code of a message and keeps the words around them', () => {
        const { text } = redactSecurityCodes('my pin is 1234, no wait, pin 5678 or code A7X9K2?');
        expect(text).to.equal(`my pin is ${redactionMarker}, no wait, pin ${redactionMarker} or code ${redactionMarker}?`);
    });

    it('is idempotent: redacting redacted text changes nothing', () => {
        const once = redactSecurityCodes('my code 4821 and pin a7x9k2').text;
        expect(redactSecurityCodes(once).text).to.equal(once);
    });

    it('takes linear time on a long digit run (no catastrophic backtracking)', () => {
        const started = performance.now();
        redactSecurityCodes('1'.repeat(200_000) + 'x code ' + 'a1'.repeat(50_000));
        expect(performance.now() - started).to.be.below(2000);
    });
});
