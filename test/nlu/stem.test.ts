import { expect } from 'chai';
import { stem } from '../../bot/nlu/stem';
import { numberToken, tokenize } from '../../bot/nlu/tokenize';

const germanStems = (text: string): string[] => tokenize(text, 'de').map((token) => stem(token, 'de'));

describe('stem', () => {
    it('stems English with the Porter stemmer, as before', () => {
        expect(['connecting', 'notifications', 'accepted'].map((word) => stem(word))).to.deep.equal(['connect', 'notif', 'accept']);
    });

    it('gives inflections of a German word one stem, with or without umlauts', () => {
        expect(germanStems('Fahrzeug Fahrzeuge Fahrzeugen')).to.deep.equal(['fahrzeug', 'fahrzeug', 'fahrzeug']);
        expect(germanStems('überprüfen Ueberpruefung')).to.deep.equal(['ueberpruef', 'ueberpruef']);
        expect(germanStems('Benachrichtigung Benachrichtigungen')).to.deep.equal(['benachricht', 'benachricht']);
    });

    it('keeps a compound one word, spelled with or without its hyphen', () => {
        expect(germanStems('Sicherheits-Code')).to.deep.equal(germanStems('Sicherheitscode'));
        expect(germanStems('Sicherheitscode')).to.have.length(1);
    });

    it('memoises each language apart: a word spelled alike in both is stemmed by each language\'s rules', () => {
        expect(stem('connected')).to.equal('connect');
        expect(stem('connected', 'de')).to.not.equal(stem('connected'));
        expect(stem(numberToken, 'de')).to.equal(numberToken);
    });
});
