// The Teams app package: the manifest and its German translation checked against Microsoft's own
// v1.30 schemas (shipped in the @microsoft/app-manifest package, so no network), the icons' sizes
// and colours, the zip's contents, and `npm run teams:package` failing readably without a usable
// MicrosoftAppId.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ManifestUtil } from '@microsoft/app-manifest';
import { expect } from 'chai';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { identifyLanguage } from '../../bot/nlu/identifyLanguage';
import { buildTeamsPackage, fillLocalizations, fillManifest, teamsDir, TeamsPackageError } from '../../bot/teams/appPackage';

import { knowledgeClassifier } from '../nlu/knowledgeClassifier';

const root = join(__dirname, '..', '..');
const appId = '8a3c1f0e-5b2d-4e7a-9c61-2f4b8d0e7a13';
const input = { appId, publicHost: 'support.example.com', brandName: 'BMW Connected Help', brandColor: '#1c69d4', version: '0.1.0' };

function officialSchema(file = 'MicrosoftTeams.schema.json'): object {
    const packageDir = dirname(dirname(require.resolve('@microsoft/app-manifest')));
    const text = readFileSync(join(packageDir, 'build', 'json-schemas', 'teams', 'v1.30', file), 'utf8');
    // The localization schema's activityTypes patterns close a bracket with a lone ']', which only
    // non-unicode regular expressions accept, and ajv compiles them as unicode: escaped, the
    // ']' means the same literal bracket.
    return JSON.parse(text.replaceAll('\\\\b]', '\\\\b\\\\]')) as object;
}

/** The manifest's texts a translation gives, as the localization file names them. */
function translatableKeys(manifest: Record<string, any>): string[] {
    const commands = (manifest.bots[0].commandLists[0].commands as unknown[]).flatMap((_c, i) =>
        ['title', 'description'].map((field) => `bots[0].commandLists[0].commands[${i}].${field}`)
    );
    return ['name.short', 'name.full', 'description.short', 'description.full', ...commands];
}

function pixel(png: PNG, x: number, y: number): [number, number, number, number] {
    const i = (y * png.width + x) * 4;
    return [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!, png.data[i + 3]!];
}

describe('Teams: app package', function () {
    it('fills in a manifest that Microsoft\'s v1.30 schema accepts, with the app id as app and bot id', async () => {
        const manifest = fillManifest(readFileSync(join(teamsDir, 'manifest.json'), 'utf8'), input) as Record<string, any>;
        const problems = await ManifestUtil.validateManifestAgainstSchema(manifest as never, officialSchema() as never);
        expect(problems).to.deep.equal([]);
        expect(manifest.$schema).to.equal('https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.schema.json');
        expect(manifest.manifestVersion).to.equal('1.30');
        expect(manifest.id).to.equal(appId);
        expect(manifest.bots[0].botId).to.equal(appId);
        expect(manifest.bots[0].scopes).to.deep.equal(['personal', 'team', 'groupChat']);
        expect(manifest.bots[0].commandLists[0].commands.map((c: { title: string }) => c.title)).to.include.members(['Code not accepted', 'Talk to a person', 'Start over']);
        expect(manifest.validDomains).to.include('support.example.com');
        expect(manifest.accentColor).to.equal('#1c69d4');
        expect(JSON.stringify(manifest)).not.to.contain('${{');
    });

    it('has a German translation that Microsoft\'s v1.30 localization schema accepts, giving every text of the manifest', async () => {
        const manifest = fillManifest(readFileSync(join(teamsDir, 'manifest.json'), 'utf8'), input) as Record<string, any>;
        expect(manifest.localizationInfo).to.deep.equal({ defaultLanguageTag: 'en-us', additionalLanguages: [{ languageTag: 'de-de', file: 'de-de.json' }] });
        const german = fillLocalizations(teamsDir, manifest, input).get('de-de.json') as Record<string, string>;
        const problems = await ManifestUtil.validateManifestAgainstSchema(german as never, officialSchema('MicrosoftTeams.Localization.schema.json') as never);
        expect(problems).to.deep.equal([]);
        expect(Object.keys(german).filter((key) => key !== '$schema').sort()).to.deep.equal(translatableKeys(manifest).sort());
        expect(german['name.short']).to.equal('BMW Connected Help');
        expect(german['description.short']).to.contain('Sicherheitscode');
        expect(german['bots[0].commandLists[0].commands[4].title']).to.equal('Mit einem Menschen sprechen');
        // A translation is not the English again.
        for (const key of translatableKeys(manifest).filter((k) => k !== 'name.short')) {
            const english: unknown = key.replace(/\[(\d+)\]/g, '.$1').split('.').reduce<any>((node, part) => node?.[part], manifest);
            expect(english, key).to.be.a('string');
            expect(german[key], key).to.not.equal(english);
        }
        expect(JSON.stringify(german)).not.to.contain('${{');
    });

    it('has command titles the bot understands: Teams posts a command\'s title as the message, in the person\'s language', () => {
        const manifest = fillManifest(readFileSync(join(teamsDir, 'manifest.json'), 'utf8'), input) as Record<string, any>;
        const german = fillLocalizations(teamsDir, manifest, input).get('de-de.json') as Record<string, string>;
        // What each command is for, in the manifest's order.
        const intents = ['code_not_accepted', 'app_not_connecting', 'security_features_disabled', 'notifications_not_received', 'human_agent', 'start_over', 'help'];
        const commands = manifest.bots[0].commandLists[0].commands as { title: string }[];
        expect(commands).to.have.length(intents.length);
        commands.forEach((command, i) => {
            expect(knowledgeClassifier('en').classify(command.title).intent, command.title).to.equal(intents[i]);
            const title = german[`bots[0].commandLists[0].commands[${i}].title`]!;
            expect(knowledgeClassifier('de').classify(title).intent, title).to.equal(intents[i]);
            expect(identifyLanguage(title)?.language ?? 'de', `${title} is not taken for English`).to.equal('de');
        });
    });

    it('links the bot\'s own /privacy and /terms, or PRIVACY_URL and TERMS_URL when they are set', () => {
        const template = readFileSync(join(teamsDir, 'manifest.json'), 'utf8');
        const own = fillManifest(template, input) as { developer: Record<string, string> };
        expect([own.developer.privacyUrl, own.developer.termsOfUseUrl]).to.deep.equal(['https://support.example.com/privacy', 'https://support.example.com/terms']);
        const given = fillManifest(template, { ...input, privacyUrl: 'https://www.example.com/legal/privacy', termsUrl: 'https://www.example.com/legal/terms' }) as typeof own;
        expect([given.developer.privacyUrl, given.developer.termsOfUseUrl]).to.deep.equal(['https://www.example.com/legal/privacy', 'https://www.example.com/legal/terms']);
    });

    it('says what to fix when MicrosoftAppId is missing or not a GUID, or the host is a URL', () => {
        const template = readFileSync(join(teamsDir, 'manifest.json'), 'utf8');
        expect(() => fillManifest(template, { ...input, appId: undefined })).to.throw(TeamsPackageError, /MicrosoftAppId is not set/);
        expect(() => fillManifest(template, { ...input, appId: 'my-bot' })).to.throw(TeamsPackageError, /is not a GUID/);
        expect(() => fillManifest(template, { ...input, publicHost: 'https://support.example.com/' })).to.throw(TeamsPackageError, /not a host name/);
    });

    it('has a 192x192 colour icon in the brand colour with a white bubble and the initials', () => {
        const png = PNG.sync.read(readFileSync(join(teamsDir, 'color.png')));
        expect([png.width, png.height]).to.deep.equal([192, 192]);
        expect(pixel(png, 2, 2)).to.deep.equal([0x1c, 0x69, 0xd4, 255]); // background
        expect(pixel(png, 40, 60)).to.deep.equal([255, 255, 255, 255]); // the bubble
        let initials = 0;
        for (let y = 70; y < 110; y++) for (let x = 60; x < 132; x++) if (pixel(png, x, y).join() === '28,105,212,255') initials++;
        expect(initials, 'brand-coloured initials inside the bubble').to.be.greaterThan(300);
    });

    it('has a 32x32 outline icon that is white on transparent only', () => {
        const png = PNG.sync.read(readFileSync(join(teamsDir, 'outline.png')));
        expect([png.width, png.height]).to.deep.equal([32, 32]);
        let opaque = 0;
        for (let y = 0; y < 32; y++) {
            for (let x = 0; x < 32; x++) {
                const [r, g, b, a] = pixel(png, x, y);
                if (a > 0) expect([r, g, b], `pixel ${x},${y}`).to.deep.equal([255, 255, 255]);
                if (a === 255) opaque++;
            }
        }
        expect(pixel(png, 0, 0)[3]).to.equal(0);
        expect(opaque).to.be.greaterThan(60);
    });

    it('zips the manifest, its German translation and both icons at the top level', async () => {
        const { zip } = await buildTeamsPackage(input);
        const archive = await JSZip.loadAsync(zip);
        expect(Object.keys(archive.files).sort()).to.deep.equal(['color.png', 'de-de.json', 'manifest.json', 'outline.png']);
        expect(JSON.parse(await archive.file('de-de.json')!.async('string'))['name.full']).to.equal('BMW Connected Help: Hilfe zum Sicherheitscode');
        const manifest = JSON.parse(await archive.file('manifest.json')!.async('string')) as { id: string; icons: { color: string; outline: string } };
        expect(manifest.id).to.equal(appId);
        const color = PNG.sync.read(await archive.file(manifest.icons.color)!.async('nodebuffer'));
        expect(color.width).to.equal(192);
    });

    // The README's command exactly as a newcomer types it, `MicrosoftAppId=<id> npm run teams:package`,
    // through npm, in an environment holding nothing else of the bot's: no password, no tenant.
    describe('npm run teams:package', function () {
        this.timeout(60_000);
        const out = join(root, 'dist', 'teams', 'support-bot.zip');
        const run = (env: Record<string, string>) =>
            spawnSync('npm', ['run', 'teams:package'], {
                cwd: root,
                env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), ...env },
                encoding: 'utf8'
            });
        beforeEach(() => rmSync(out, { force: true }));

        it('fails with a readable message when MicrosoftAppId is not set', () => {
            const result = run({});
            expect(result.status).to.equal(1);
            expect(result.stderr).to.contain('MicrosoftAppId is not set');
            expect(result.stderr).not.to.match(/\bat .+\.ts:\d+/); // no stack trace
            expect(existsSync(out)).to.equal(false);
        });

        it('writes dist/teams/support-bot.zip with only MicrosoftAppId set', async () => {
            const result = run({ MicrosoftAppId: appId });
            expect(result.status, result.stderr).to.equal(0);
            expect(result.stderr).not.to.match(/MicrosoftAppPassword|MicrosoftAppTenantId/);
            const archive = await JSZip.loadAsync(readFileSync(out));
            expect(JSON.parse(await archive.file('manifest.json')!.async('string')).bots[0].botId).to.equal(appId);
        });
    });
});
