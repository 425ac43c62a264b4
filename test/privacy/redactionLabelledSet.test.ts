// Issue 14 point 8: on the labelled set (test/privacy/fixtures/redaction.yaml) every security code
// is removed in whatever form it was typed (recall 100%), every labelled non-code (model years and
// names, dates, mileages, versions, phone numbers) comes out exactly as typed, and nobody is
// warned about a code they never typed. `npm run bench:redaction` prints the same figures for the
// redactor before and after.
import { expect } from 'chai';
import { redactSecurityCodes } from '../../bot/privacy/redactSecurityCodes';
import { loadLabelledMessages, scoreRedactor, skeleton } from '../../tools/privacy/scoreRedaction';

describe('redaction on the labelled set', () => {
    const messages = loadLabelledMessages();
    const score = scoreRedactor(redactSecurityCodes, messages);

    it('has codes in every form and non-codes of every kind to measure', () => {
        expect(score.codes).to.be.at.least(60);
        expect(score.nonCodes).to.be.at.least(60);
        expect(messages.filter((m) => m.text.length > 120 && m.codes.length > 0 && m.keep.length > 0).length).to.be.at.least(6);
    });

    it('removes every code (recall 100%)', () => {
        expect(score.missed.map((m) => `${m.code} in ${JSON.stringify(m.message)}`)).to.deep.equal([]);
        expect(score.recall).to.equal(1);
    });

    it('keeps every labelled non-code exactly as typed (precision 100% on this set)', () => {
        expect(score.lost.map((l) => `${l.kept} -> ${JSON.stringify(l.output)}`)).to.deep.equal([]);
    });

    it('warns only when a code was there', () => {
        expect(score.wronglyWarned).to.deep.equal([]);
        for (const m of messages.filter((m) => m.codes.length > 0)) expect(redactSecurityCodes(m.text).redacted, m.text).to.equal(true);
    });

    it('the scorer itself sees a code that was left in, whatever its spelling', () => {
        const leaky = (text: string) => ({ text: text.replace(/code/g, 'c0de'), redacted: true });
        const one = [{ text: 'my code is ４８\u200b２１', codes: ['４８\u200b２１'], keep: [] }];
        expect(scoreRedactor(leaky, one).recall).to.equal(0);
        expect(skeleton('4 8_2\u200b1 ⁴')).to.equal('48214');
    });
});
