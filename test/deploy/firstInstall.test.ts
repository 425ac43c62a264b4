// Issue 15, "a first install a newcomer does not have to wonder about": `npm ci` on a fresh clone
// prints no peer-dependency and no install-script warning. Both come from package.json and the
// lockfile, so they are checked here in seconds rather than by a five-minute install: a
// dependency update that would bring either warning back fails the suite.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import semver from 'semver';

const root = join(__dirname, '..', '..');

interface LockEntry {
    version?: string;
    hasInstallScript?: boolean;
    peerDependencies?: Record<string, string>;
    peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { allowScripts?: Record<string, boolean> };
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
const installed = Object.entries(lock.packages).filter(([path]) => path !== '');
const nameOf = (path: string) => path.split('node_modules/').pop()!;

describe('first install: what npm ci prints', () => {
    it('every package with an install script has a decision in allowScripts, and every decision names one', () => {
        const policy = packageJson.allowScripts ?? {};
        const withScripts = new Set(installed.filter(([, entry]) => entry.hasInstallScript).map(([path]) => nameOf(path)));
        const undecided = [...withScripts].filter((name) => !(name in policy));
        expect(undecided, 'npm would warn "install scripts not yet covered by allowScripts": allow or deny them in package.json (README)').to.deep.equal([]);
        expect(Object.keys(policy).filter((name) => !withScripts.has(name)), 'stale allowScripts entries').to.deep.equal([]);
        // What the bot's embedded store needs to load its native addon where no prebuilt one fits.
        expect(policy).to.include({ lmdb: true, 'msgpackr-extract': true });
    });

    it('the installed react and react-dom satisfy every peer range in the tree (no ERESOLVE overriding peer dependency)', () => {
        const version = (name: string) => lock.packages[`node_modules/${name}`]?.version ?? '(not installed)';
        const unmet: string[] = [];
        for (const [path, entry] of installed) {
            for (const [peer, range] of Object.entries(entry.peerDependencies ?? {})) {
                if (peer !== 'react' && peer !== 'react-dom') continue;
                if (!semver.satisfies(version(peer), range)) unmet.push(`${path} wants ${peer} ${range}, the tree has ${version(peer)}`);
            }
        }
        expect(unmet).to.deep.equal([]);
        expect(version('react')).to.equal(version('react-dom'));
    });
});
