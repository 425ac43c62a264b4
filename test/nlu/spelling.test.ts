import { expect } from 'chai';
import { SpellingCorrector } from '../../bot/nlu/spelling';

describe('spelling correction', () => {
    const corrector = new SpellingCorrector(
        new Map([
            ['notifications', 5],
            ['security', 4],
            ['code', 9],
            ['cone', 1],
            ['connect', 3],
            ['car', 7]
        ])
    );

    it('maps a mistyped word to the known word one or two edits away', () => {
        expect(corrector.correct('notifcations')).to.equal('notifications');
        expect(corrector.correct('notficatoins')).to.equal('notifications');
        expect(corrector.correct('securty')).to.equal('security');
        expect(corrector.correct('cdoe')).to.equal('code');
        expect(corrector.correct('conect')).to.equal('connect');
    });

    it('prefers the more frequent of two equally close words', () => {
        expect(corrector.correct('coke')).to.equal('code');
    });

    it('leaves short words and far-off words alone', () => {
        expect(corrector.correct('cat')).to.equal(undefined);
        expect(corrector.correct('banana')).to.equal(undefined);
        expect(corrector.correct('code')).to.equal('code');
    });
});
