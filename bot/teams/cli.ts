// npm run teams:package [-- --host support.example.com] [--out FILE]
//   writes dist/teams/support-bot.zip: the manifest and its German translation filled in from the
//   configuration (MicrosoftAppId, BRAND_NAME, BRAND_COLOR, PRIVACY_URL, TERMS_URL) and the icons
//   in deploy/teams/
// npm run teams:icons
//   redraws deploy/teams/color.png and outline.png from BRAND_COLOR and BOT_AVATAR_INITIALS
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadTeamsPackageSettings } from '../config';
import { buildTeamsPackage, teamsDir, TeamsPackageError } from './appPackage';
import { colorIcon, outlineIcon } from './icons';

const projectRoot = join(teamsDir, '..', '..');

async function main(argv: string[]): Promise<void> {
    const { positionals, values } = parseArgs({
        args: argv,
        allowPositionals: true,
        options: { host: { type: 'string' }, out: { type: 'string' } }
    });
    const command = positionals[0];
    // Only the brand and the app id: packaging needs no password or tenant (README, "Talking to the bot").
    const config = loadTeamsPackageSettings();
    if (command === 'icons') {
        writeFileSync(join(teamsDir, 'color.png'), colorIcon(config.BRAND_COLOR, config.BOT_AVATAR_INITIALS));
        writeFileSync(join(teamsDir, 'outline.png'), outlineIcon());
        console.log(`Wrote ${relative(process.cwd(), teamsDir)}/color.png (192x192) and outline.png (32x32).`);
        return;
    }
    if (command !== 'package') throw new TeamsPackageError('Usage: teams/cli.ts package [--host HOST] [--out FILE] | icons');

    const host = values.host ?? 'localhost';
    const { version } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string };
    const out = resolve(values.out ?? join(projectRoot, 'dist', 'teams', 'support-bot.zip'));
    const { zip } = await buildTeamsPackage({
        appId: config.MicrosoftAppId,
        publicHost: host,
        brandName: config.BRAND_NAME,
        brandColor: config.BRAND_COLOR,
        privacyUrl: config.PRIVACY_URL,
        termsUrl: config.TERMS_URL,
        version
    });
    if (!values.host) console.warn('No --host given: the manifest\'s website, privacy and terms links and validDomains use "localhost". Pass --host with the bot\'s public host name for a real deployment.');
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, zip);
    console.log(`Wrote ${relative(process.cwd(), out) || out} (${zip.length} bytes): manifest.json, its German translation de-de.json, color.png, outline.png for app and bot ${config.MicrosoftAppId}. Upload it in Teams: Apps, Manage your apps, Upload an app.`);
}

main(process.argv.slice(2)).catch((err: unknown) => {
    if (err instanceof TeamsPackageError || err instanceof ConfigError) {
        console.error(err.message);
        process.exit(1);
    }
    console.error('The Teams package could not be built:', err);
    process.exit(1);
});
