// Choosing the language of a reply: the text first, the locale as the tie-breaker, a request
// always. Identification itself is tested in test/nlu/identifyLanguage.test.ts; here a table of
// what the identifier said stands in for it, so each rule is tested on its own.
import { expect } from 'chai';
import { chooseLanguage, languageOfLocale, requestedLanguage, type IdentifyLanguage } from '../../bot/language/chooseLanguage';
import { defaultKnowledgeDir } from '../../knowledge/load';
import { loadLanguageRequests } from '../../knowledge/languageRequests';

const requests = loadLanguageRequests(defaultKnowledgeDir);
const saidIn: Record<string, 'en' | 'de'> = {
    'mein sicherheitscode wird nicht akzeptiert': 'de',
    'my security code is not accepted': 'en'
};
const identify: IdentifyLanguage = (text) => {
    const language = saidIn[text.toLowerCase()];
    return language && { language, confidence: 0.99 };
};

describe('choosing the language of a reply', () => {
    it('reads the language of a locale, ignoring region and case, and knows only the languages it speaks', () => {
        expect(['de', 'de-DE', 'DE-at', 'de_CH', 'en', 'en-US', 'fr-FR', '', undefined, 'deutsch', '<script>'].map(languageOfLocale)).to.deep.equal([
            'de', 'de', 'de', 'de', 'en', 'en', undefined, undefined, undefined, undefined, undefined
        ]);
    });

    it('lets the text decide over the locale from the first message', () => {
        expect(chooseLanguage('Mein Sicherheitscode wird nicht akzeptiert', 'en-US', undefined, identify, requests)).to.include({ language: 'de', decidedBy: 'text' });
        expect(chooseLanguage('my security code is not accepted', 'de-DE', undefined, identify, requests)).to.include({ language: 'en', decidedBy: 'text' });
    });

    it('uses the locale for a first message that could be either, and English without one', () => {
        expect(chooseLanguage('ok', 'de-DE', undefined, identify, requests)).to.include({ language: 'de', decidedBy: 'locale' });
        expect(chooseLanguage('PIN', 'en-GB', undefined, identify, requests)).to.include({ language: 'en', decidedBy: 'locale' });
        expect(chooseLanguage('ok', 'fr-FR', undefined, identify, requests)).to.include({ language: 'en', decidedBy: 'locale' });
    });

    it('keeps the conversation language for short replies, whatever the locale', () => {
        const chosen = chooseLanguage('ok', 'en-US', { language: 'de', decidedBy: 'text' }, identify, requests);
        expect(chosen).to.include({ language: 'de', changed: false });
    });

    it('switches when asked, in either language, and says it changed', () => {
        for (const [text, language] of [['auf Deutsch bitte', 'de'], ['German please!', 'de'], ['English please', 'en'], ['Deutsch', 'de'], ['können wir das auf deutsch machen', 'de']] as const) {
            expect(requestedLanguage(text, requests), text).to.equal(language);
        }
        const chosen = chooseLanguage('English please', 'de-DE', { language: 'de', decidedBy: 'text' }, identify, requests);
        expect(chosen).to.include({ language: 'en', decidedBy: 'request', requested: true, changed: true });
    });

    it('does not take a language named in a longer message about something else as a request', () => {
        expect(requestedLanguage('the app shows everything in german since the last update and my code is not accepted', requests)).to.equal(undefined);
        expect(requestedLanguage('germany', requests)).to.equal(undefined);
    });

    it('does not let the text of a later message undo a language the person asked for', () => {
        const chosen = chooseLanguage('my security code is not accepted', undefined, { language: 'de', decidedBy: 'request' }, identify, requests);
        expect(chosen).to.include({ language: 'de', changed: false });
    });
});
