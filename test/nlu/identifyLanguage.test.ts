// The language of a customer's message, as the bot will pick its reply language from it: German
// and English support messages named right, messages that read the same in both left undecided,
// and no input that makes it throw.
import { expect } from 'chai';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { identifyLanguage } from '../../bot/nlu/identifyLanguage';
import { defaultLanguageIdDir, loadLanguageIdData } from '../../knowledge/languageId';
import { readMessages } from '../../tools/benchmarks/language/messages';

describe('identifyLanguage', () => {
    it('names German support messages German, with or without umlauts, typos and English loanwords', () => {
        for (const text of [
            'Mein Sicherheitscode funktioniert seit heute Morgen nicht mehr',
            'die app zeigt mein auto nicht mehr an',
            'warum bekomme ich keine Mitteilungen wenn jemand das Auto öffnet',
            'muss ich das im fahrzeug einstellen oder am handy',
            'die app syncd nicht richtig und der login hängt',
            'immer noch nicht',
            'nein danke',
            'vielen dank',
            'tschuess'
        ]) {
            expect(identifyLanguage(text), text).to.include({ language: 'de' });
        }
    });

    it('names English support messages English, typos and all', () => {
        for (const text of [
            'My security code stopped working this morning',
            'the app doesnt show my car anymore',
            'why dont i get a message when someone opens the car',
            'do i set this in the vehicle or on the phone',
            'still broken',
            'no thanks',
            'thank you very much',
            'conection keeps droping'
        ]) {
            expect(identifyLanguage(text), text).to.include({ language: 'en' });
        }
    });

    it('cannot tell messages that read the same in both languages', () => {
        for (const text of ['ok', 'OK', 'PIN', 'Bluetooth', 'BMW X3', 'iPhone 15', '1234', '👍', '???', 'app update']) {
            expect(identifyLanguage(text), text).to.equal(undefined);
        }
    });

    it('gives a confidence between the threshold and 1', () => {
        const result = identifyLanguage('Ich habe meinen Code vergessen');
        expect(result?.confidence).to.be.within(0.6, 1);
    });

    it('never throws, and answers nothing for hostile or empty input', () => {
        const hostile = ['', '   ', '\u0000\u0001\u001b[31m', '🙂🙂🙂', '\uD800', 'ß'.repeat(10_000), '<script>alert(1)</script>', 'a'.repeat(10_240)];
        for (const text of hostile) expect(() => identifyLanguage(text)).not.to.throw();
        expect(identifyLanguage('')).to.equal(undefined);
        expect(identifyLanguage('\u0000\u0001\u001b')).to.equal(undefined);
        expect(identifyLanguage('🙂🙂🙂')).to.equal(undefined);
        expect(identifyLanguage(undefined as unknown as string)).to.equal(undefined);
    });

    it('reads a 10 kB message quickly', () => {
        const long = 'die app verbindet sich nicht mit dem auto '.repeat(250);
        const start = process.hrtime.bigint();
        const result = identifyLanguage(long);
        expect(Number(process.hrtime.bigint() - start) / 1e6).to.be.below(50);
        expect(result).to.include({ language: 'de' });
    });

    it('holds its benchmark figures on the held-out test split', () => {
        const test = readMessages('test.jsonl');
        const languaged = test.filter((m) => m.language !== 'either');
        const either = test.filter((m) => m.language === 'either');
        const right = languaged.filter((m) => identifyLanguage(m.text)?.language === m.language).length;
        const wrong = languaged.filter((m) => ![undefined, m.language].includes(identifyLanguage(m.text)?.language)).length;
        const named = either.filter((m) => identifyLanguage(m.text) !== undefined).length;
        expect(right / languaged.length, 'en/de named right').to.be.at.least(0.95);
        expect(wrong / languaged.length, 'en/de named the other language').to.be.at.most(0.02);
        expect(named / either.length, '"either" messages given a language').to.be.at.most(0.1);
    });
});

describe('the language-identification data', () => {
    it('says which file and field are wrong', () => {
        const dir = mkdtempSync(join(tmpdir(), 'languageId-'));
        for (const file of ['en.yaml', 'shared.yaml']) writeFileSync(join(dir, file), readFileSync(join(defaultLanguageIdDir, file), 'utf8'));
        writeFileSync(join(dir, 'de.yaml'), 'language: de\ndescription: x\nwords: []\nsentences: []\n');
        expect(() => loadLanguageIdData(dir)).to.throw(/de\.yaml is not valid language-identification data: words: list at least one word/);
    });
});
