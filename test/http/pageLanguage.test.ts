// Which language the server's own pages take from Accept-Language: the first language the bot
// speaks by q-value, German for any German, English otherwise, and nothing odd from a hostile header.
import { expect } from 'chai';
import { languageFromAcceptLanguage } from '../../bot/http/pageLanguage';

describe('HTTP: the page language from Accept-Language', () => {
    it('takes German for de, de-DE, de-AT and de-CH, in any case', () => {
        for (const header of ['de', 'de-DE', 'de-AT', 'de-CH', 'DE-de', 'de-CH,de;q=0.9,en;q=0.8']) expect(languageFromAcceptLanguage(header), header).to.equal('de');
    });

    it('takes the first language it speaks by q-value, not by order', () => {
        expect(languageFromAcceptLanguage('fr-FR, fr;q=0.9, de;q=0.8, en;q=0.7')).to.equal('de');
        expect(languageFromAcceptLanguage('de;q=0.5, en-GB;q=0.9')).to.equal('en');
        expect(languageFromAcceptLanguage('en;q=0, de')).to.equal('de'); // q=0: not acceptable
        expect(languageFromAcceptLanguage('de;q=0.5, en;q=0.5')).to.equal('de'); // a tie keeps the order
    });

    it('has no answer for languages it does not speak, *, or nothing', () => {
        for (const header of ['fr, es;q=0.5', '*', '', undefined]) expect(languageFromAcceptLanguage(header), String(header)).to.equal(undefined);
    });

    it('passes over malformed entries and reads only the start of a huge header', () => {
        expect(languageFromAcceptLanguage('de;q=abc, en')).to.equal('en');
        expect(languageFromAcceptLanguage('<script>alert(1)</script>, de;q=0.1')).to.equal('de');
        expect(languageFromAcceptLanguage('"de", en')).to.equal('en');
        expect(languageFromAcceptLanguage(`${'x-'.repeat(100_000)}de`)).to.equal(undefined);
        expect(languageFromAcceptLanguage(`${'fr,'.repeat(60)}de`), 'past the first 50 entries').to.equal(undefined);
        expect(languageFromAcceptLanguage(`${' '.repeat(5_000)}de`), 'past the first 1000 characters').to.equal(undefined);
    });
});
