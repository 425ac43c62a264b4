// The language identifiers compared on the benchmark, each restricted to English and German
// where the package allows it. Each answers 'en', 'de' or undefined ("cannot tell"); any other
// language it names counts as a wrong answer.
import type { Language } from '../../../knowledge/languages';
import { loadLanguageIdData } from '../../../knowledge/languageId';
import { favoured, LanguageEvidence } from '../../../bot/nlu/languageEvidence';

export type Answer = Language | 'other' | undefined;
export type Identify = (text: string) => Answer;

export interface Candidate {
    name: string;
    /** Loads (and for ours, trains) the identifier; timed as its start-up cost. */
    load: () => Promise<Identify>;
}

/**
 * The packages are not dependencies of the project (none earned its place, BENCHMARKS.md), so they
 * are imported by a name TypeScript does not resolve, with just the parts used declared here.
 */
export const packageVersions = ['tinyld@1.3.4', 'eld@2.1.0', 'franc-min@6.2.0', 'languagedetect@2.0.0'];

async function importPackage<T>(name: string): Promise<T> {
    try {
        return (await import(name)) as T;
    } catch (err) {
        throw new Error(`${name} is not installed: run npm install --no-save ${packageVersions.join(' ')} first.`, { cause: err });
    }
}

const ownLanguage = (code: string): Answer => (code === 'en' || code === 'de' ? code : code === '' ? undefined : 'other');

/** Ours (bot/nlu/languageEvidence.ts) with a given threshold and letter-pattern weight. */
export function ownCandidate(threshold: number, letterWeight = 1, name = `ours (natural n-grams + words), threshold ${threshold}`): Candidate {
    return {
        name,
        load: async () => {
            const evidence = new LanguageEvidence(loadLanguageIdData(), letterWeight);
            return (text) => {
                const weighed = evidence.weigh(text);
                if (weighed.telling === 0) return undefined;
                const choice = favoured(weighed);
                return choice.confidence >= threshold ? choice.language : undefined;
            };
        }
    };
}

export const packageCandidates: Candidate[] = [
    {
        name: 'tinyld 1.3 (only en, de)',
        load: async () => {
            const { detect } = await importPackage<{ detect(text: string, options: { only: string[] }): string }>('tinyld');
            return (text) => ownLanguage(detect(text, { only: ['en', 'de'] }));
        }
    },
    ...(['large', 'small'] as const).map(
        (size): Candidate => ({
            name: `eld 2.1 ${size} (subset en, de)`,
            load: async () => {
                const { eld } = await importPackage<{
                    eld: { setLanguageSubset(languages: string[]): unknown; detect(text: string): { language: string } };
                }>(`eld/${size}`);
                eld.setLanguageSubset(['en', 'de']);
                return (text) => ownLanguage(eld.detect(text).language);
            }
        })
    ),
    ...([10, 1] as const).map(
        (minLength): Candidate => ({
            name: `franc-min 6.2 (only eng, deu; minLength ${minLength})`,
            load: async () => {
                const { franc } = await importPackage<{ franc(text: string, options: { only: string[]; minLength: number }): string }>('franc-min');
                return (text) => {
                    const code = franc(text, { only: ['eng', 'deu'], minLength });
                    return code === 'eng' ? 'en' : code === 'deu' ? 'de' : code === 'und' ? undefined : 'other';
                };
            }
        })
    ),
    {
        name: 'languagedetect 2.0 (best of english, german)',
        load: async () => {
            const { default: LanguageDetect } = await importPackage<{
                default: new () => { detect(text: string): [string, number][] };
            }>('languagedetect');
            const detector = new LanguageDetect();
            return (text) => {
                const best = detector.detect(text).find(([name]) => name === 'english' || name === 'german');
                return best === undefined ? undefined : best[0] === 'english' ? 'en' : 'de';
            };
        }
    }
];
