import { expect } from 'chai';
import { numberToken, tokenize } from '../../bot/nlu/tokenize';

describe('tokenize', () => {
    it('lower-cases and splits on punctuation', () => {
        expect(tokenize('Hello, World! How-are you?')).to.deep.equal(['hello', 'world', 'how', 'are', 'you']);
    });

    it('makes every number and a redacted code the same token', () => {
        expect(tokenize('code 1234 then 99')).to.deep.equal(['code', numberToken, 'then', numberToken]);
        expect(tokenize('my [redacted code] failed')).to.deep.equal(['my', numberToken, 'failed']);
        expect(tokenize('my [Redacted Code] failed')).to.deep.equal(tokenize('my 0000 failed'));
    });

    it('treats "can\'t" and "cant" alike, and strips accents', () => {
        expect(tokenize("can't won’t")).to.deep.equal(tokenize('cant wont'));
        expect(tokenize('café')).to.deep.equal(['cafe']);
    });

    it('gives nothing for empty or blank text', () => {
        expect(tokenize('')).to.deep.equal([]);
        expect(tokenize('  ?! ')).to.deep.equal([]);
    });
});

describe('tokenize in German', () => {
    it('spells umlauts and ß the way people without a German keyboard type them', () => {
        expect(tokenize('Schlüssel Grüße Straße Öl', 'de')).to.deep.equal(['schluessel', 'gruesse', 'strasse', 'oel']);
        expect(tokenize('Schlüssel Grüße Straße Öl', 'de')).to.deep.equal(tokenize('Schluessel Gruesse Strasse Oel', 'de'));
    });

    it('joins a hyphenated compound into the compound', () => {
        expect(tokenize('Sicherheits-Code', 'de')).to.deep.equal(tokenize('Sicherheitscode', 'de'));
        expect(tokenize('Der Sicherheitscode geht nicht!', 'de')).to.deep.equal(['der', 'sicherheitscode', 'geht', 'nicht']);
    });

    it('makes numbers and a redacted code the number token, as in English', () => {
        expect(tokenize('Code 1234 ist falsch, [redacted code] auch', 'de')).to.deep.equal(['code', numberToken, 'ist', 'falsch', numberToken, 'auch']);
    });

    it('leaves English as it was', () => {
        expect(tokenize('Müller, How-are you?')).to.deep.equal(['muller', 'how', 'are', 'you']);
    });
});
