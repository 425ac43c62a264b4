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
