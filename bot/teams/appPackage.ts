// The Teams app package: deploy/teams/manifest.json with its ${{PLACEHOLDERS}} filled in, the
// translations its localizationInfo lists (deploy/teams/de-de.json, filled in the same way) and
// the two icons beside it, zipped at the top level as Teams expects. The app id and the bot id
// are both the bot's Microsoft App ID (MicrosoftAppId).
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import JSZip from 'jszip';

/** deploy/teams at the top of the project, whether this runs from source (tsx) or from dist/. */
const projectRoot = basename(join(__dirname, '..', '..')) === 'dist' ? join(__dirname, '..', '..', '..') : join(__dirname, '..', '..');
export const teamsDir = join(projectRoot, 'deploy', 'teams');

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const hostName = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/i;

export class TeamsPackageError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'TeamsPackageError';
    }
}

export interface TeamsPackageInput {
    /** MicrosoftAppId: the Azure Bot's app registration. */
    appId: string | undefined;
    /** Where the bot's web side is reached (the Web Chat page): support.example.com */
    publicHost: string;
    brandName: string;
    brandColor: string;
    version: string;
    /** PRIVACY_URL and TERMS_URL; unset: the bot's own /privacy and /terms on publicHost. */
    privacyUrl?: string | undefined;
    termsUrl?: string | undefined;
    /** The folder with manifest.json, color.png and outline.png (default deploy/teams). */
    sourceDir?: string;
}

/** The values of the ${{PLACEHOLDERS}}. Throws a TeamsPackageError that says what to fix. */
function placeholderValues(input: TeamsPackageInput): Record<string, string> {
    const { appId, publicHost, brandName, brandColor, version } = input;
    if (!appId) {
        throw new TeamsPackageError(
            'MicrosoftAppId is not set. The Teams app package needs the bot\'s Microsoft App ID (a GUID: the Azure Bot resource, "Configuration", "Microsoft App ID"). ' +
                'Set it, for example MicrosoftAppId=<app id> npm run teams:package, and run it again (the password and tenant are not needed to package).'
        );
    }
    if (!guid.test(appId)) {
        throw new TeamsPackageError(`MicrosoftAppId "${appId}" is not a GUID (like 00000000-0000-0000-0000-000000000000). Teams needs the bot's Microsoft App ID as both the app id and the bot id.`);
    }
    if (!hostName.test(publicHost)) throw new TeamsPackageError(`"${publicHost}" is not a host name (like support.example.com, with no https:// and no path).`);
    if (brandName.length > 30) throw new TeamsPackageError(`BRAND_NAME "${brandName}" is longer than the 30 characters Teams allows for an app's short name.`);
    return {
        MicrosoftAppId: appId.toLowerCase(),
        PUBLIC_HOST: publicHost.toLowerCase(),
        BRAND_NAME: brandName,
        BRAND_COLOR: brandColor,
        VERSION: version,
        PRIVACY_URL: input.privacyUrl ?? `https://${publicHost.toLowerCase()}/privacy`,
        TERMS_URL: input.termsUrl ?? `https://${publicHost.toLowerCase()}/terms`
    };
}

/** A JSON template (the manifest or a translation of it) with its placeholders filled in. */
function fillTemplate(template: string, file: string, values: Record<string, string>): Record<string, unknown> {
    return JSON.parse(template, (_key, value: unknown) =>
        typeof value === 'string'
            ? value.replace(/\$\{\{(\w+)\}\}/g, (_whole, name: string) => {
                  const filled = values[name];
                  if (filled === undefined) throw new TeamsPackageError(`${file} uses \${{${name}}}, which the packager does not know.`);
                  return filled;
              })
            : value
    ) as Record<string, unknown>;
}

/** The manifest as Teams gets it. Throws a TeamsPackageError that says what to fix. */
export function fillManifest(template: string, input: TeamsPackageInput): Record<string, unknown> {
    return fillTemplate(template, 'manifest.json', placeholderValues(input));
}

/** The translation files the manifest's localizationInfo lists, by file name. */
function localizationFiles(manifest: Record<string, unknown>): string[] {
    const info = manifest.localizationInfo as { additionalLanguages?: { file: string }[] } | undefined;
    return (info?.additionalLanguages ?? []).map((language) => language.file);
}

/** The manifest's translations as Teams gets them, by file name (de-de.json: its German texts). */
export function fillLocalizations(dir: string, manifest: Record<string, unknown>, input: TeamsPackageInput): Map<string, Record<string, unknown>> {
    const values = placeholderValues(input);
    return new Map(localizationFiles(manifest).map((file) => [file, fillTemplate(readFileSync(join(dir, file), 'utf8'), file, values)]));
}

/** The zip, as bytes: manifest.json, its translations, color.png, outline.png. */
export async function buildTeamsPackage(input: TeamsPackageInput): Promise<{ zip: Buffer; manifest: Record<string, unknown> }> {
    const dir = input.sourceDir ?? teamsDir;
    const manifest = fillManifest(readFileSync(join(dir, 'manifest.json'), 'utf8'), input);
    const icons = manifest.icons as { color: string; outline: string };
    const zip = new JSZip();
    zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
    for (const [file, localization] of fillLocalizations(dir, manifest, input)) zip.file(file, `${JSON.stringify(localization, null, 2)}\n`);
    for (const icon of [icons.color, icons.outline]) zip.file(icon, readFileSync(join(dir, icon)));
    // A fixed date keeps the same input giving the same bytes.
    const date = new Date('2025-01-01T00:00:00Z');
    for (const file of Object.values(zip.files)) file.date = date;
    return { zip: await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } }), manifest };
}
