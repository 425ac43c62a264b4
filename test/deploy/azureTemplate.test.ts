// deploy/azure/ as a deployment would see it, without Azure and without the Bicep CLI: the
// parameters file is rendered (its expressions evaluated, environment included) and the
// template's parameters, conditions and app settings are evaluated from it (test/deploy/bicep.ts).
// What only Azure can show (that ARM accepts each property, that the roles take effect) is not
// tested here; deploy/README.md says how to check it in Azure.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configSchema } from '../../bot/config';
import {
    allOfType,
    BicepEvaluator,
    declarations,
    decoratorsOf,
    effectiveParams,
    parseBicep,
    parseBicepParams,
    TemplateFailure,
    nameOf,
    valueOf,
    type SyntaxNode,
    type Value
} from './bicep';

const root = join(__dirname, '..', '..');
const templateText = readFileSync(join(root, 'deploy', 'azure', 'main.bicep'), 'utf8');
const paramsText = readFileSync(join(root, 'deploy', 'azure', 'main.example.bicepparam'), 'utf8');
const deployReadme = readFileSync(join(root, 'deploy', 'README.md'), 'utf8');

const appId = '11111111-2222-3333-4444-555555555555';

describe('deploy/azure: what a deployment, and every rerun of it, would do', () => {
    let template: SyntaxNode;
    let paramsFile: SyntaxNode;

    before(async () => {
        template = await parseBicep(templateText);
        paramsFile = await parseBicepParams(paramsText);
    });

    /** main.example.bicepparam's values, evaluated with this environment (what `bicep build-params` would produce). */
    function render(env: Record<string, string>): Record<string, Value> {
        const evaluator = new BicepEvaluator(paramsFile, { params: {}, env });
        return Object.fromEntries([...declarations(paramsFile, 'variable_declaration').keys()].map((name) => [name, evaluator.variable(name)]));
    }

    /** The parameters file as README step 3 fills it in (the app id), with overrides for one path. */
    function deployment(overrides: Record<string, Value> = {}): BicepEvaluator {
        const given = { ...render({}), microsoftAppId: appId, ...overrides };
        return new BicepEvaluator(template, { params: effectiveParams(template, given), env: {} });
    }

    const resource = (name: string) => declarations(template, 'resource_declaration').get(name)!;
    const typeOf = (r: SyntaxNode) => r.namedChildren.find((c) => c.type === 'string')!.text.replace(/'/g, '').split('@')[0];
    const resourcesOfType = (type: string) => [...declarations(template, 'resource_declaration').values()].filter((r) => typeOf(r) === type);
    /** The expression written for a property in a declaration (the first one of that name). */
    const property = (declaration: SyntaxNode, name: string) =>
        allOfType(declaration, 'object_property').find((p) => p.namedChildren[0]!.text === name)?.namedChildren[1];
    /** A resource's body, evaluated: `= if (...) { ... }` or `= { ... }`. */
    function body(evaluator: BicepEvaluator, name: string): Record<string, Value> {
        const value = valueOf(resource(name));
        return evaluator.evaluate(value.type === 'if_statement' ? value.namedChildren[1]! : value) as Record<string, Value>;
    }
    /** Whether a conditional resource is deployed. */
    function deployed(evaluator: BicepEvaluator, name: string): boolean {
        const value = valueOf(resource(name));
        return value.type === 'if_statement' ? evaluator.evaluate(value.namedChildren[0]!) === true : true;
    }
    /** The web app's settings: the appsettings config resource, or (as templates before it did) siteConfig.appSettings. */
    function settings(evaluator: BicepEvaluator): Record<string, Value> {
        if (declarations(template, 'resource_declaration').has('appSettings')) return body(evaluator, 'appSettings').properties as Record<string, Value>;
        const siteConfig = (body(evaluator, 'site').properties as Record<string, Record<string, Value>>).siteConfig!;
        return Object.fromEntries((siteConfig.appSettings as { name: string; value: Value }[]).map((s) => [s.name, s.value]));
    }

    const paths: Record<string, Record<string, Value>> = {
        'SingleTenant with blobs': {},
        'SingleTenant with cosmos': { storageKind: 'cosmos' },
        'UserAssignedMSI with blobs': { microsoftAppType: 'UserAssignedMSI', microsoftAppId: '' },
        'UserAssignedMSI with cosmos, Web Chat and agents': {
            microsoftAppType: 'UserAssignedMSI',
            microsoftAppId: '',
            storageKind: 'cosmos',
            directLineSecretInVault: true,
            handoffAgentIds: `aad:${appId}/${appId}`,
            privacyUrl: 'https://www.example.com/privacy'
        }
    };

    describe('safe reruns', () => {
        it('renders the parameters file in a fresh shell (no variable set) with no empty value', () => {
            const rendered = render({});
            const empty = Object.entries(rendered).filter(([, v]) => v === '' || v === null).map(([k]) => k);
            expect(empty, 'parameters that would deploy an empty value').to.deep.equal([]);
        });

        it('renders the same parameters whatever stale credentials the shell still holds', () => {
            const stale = { MicrosoftAppId: appId, MicrosoftAppPassword: 'rotated-away', MicrosoftAppTenantId: '' };
            expect(render(stale)).to.deep.equal(render({}));
            expect(Object.keys(render({}))).to.not.include('microsoftAppPassword');
        });

        for (const [path, overrides] of Object.entries(paths)) {
            it(`sets no app setting to an empty value on a rerun (${path})`, () => {
                const values = settings(deployment(overrides));
                expect(Object.keys(values)).to.include.members(['MicrosoftAppId', 'MicrosoftAppTenantId', 'STORAGE']);
                expect(Object.entries(values).filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => k)).to.deep.equal([]);
                // Optional settings are left out when not given, rather than set empty.
                const optional = { handoffAgentIds: 'HANDOFF_AGENT_IDS', privacyUrl: 'PRIVACY_URL', directLineSecretInVault: 'DIRECT_LINE_SECRET' };
                for (const [param, setting] of Object.entries(optional)) expect(setting in values, setting).to.equal(Boolean(overrides[param]));
            });
        }

        it('writes the app password secret only when a password is given, and never for a managed identity', () => {
            expect(deployed(deployment(), 'appPasswordSecret'), 'rerun without a password').to.equal(false);
            expect(deployed(deployment({ microsoftAppPassword: 'new-secret' }), 'appPasswordSecret'), 'first deployment or rotation').to.equal(true);
            expect(deployed(deployment({ ...paths['UserAssignedMSI with blobs'], microsoftAppPassword: 'x' }), 'appPasswordSecret')).to.equal(false);
            // The setting still points at the vault's secret, so the existing one stays in use.
            const reference = /^@Microsoft\.KeyVault\(VaultName=kv-bmwhelp-«[^»]+»;SecretName=MicrosoftAppPassword\)$/;
            expect(settings(deployment()).MicrosoftAppPassword).to.match(reference);
            expect(settings(deployment(paths['UserAssignedMSI with blobs']))).to.not.have.property('MicrosoftAppPassword');
        });

        it('takes the tenant from the deployment itself on both app types, and refuses an empty one', () => {
            expect(settings(deployment()).MicrosoftAppTenantId).to.equal('«tenant().tenantId»');
            expect(settings(deployment(paths['UserAssignedMSI with blobs'])).MicrosoftAppTenantId).to.equal('«tenant().tenantId»');
            const decorators = decoratorsOf(declarations(template, 'parameter_declaration').get('microsoftAppTenantId')!);
            expect(decorators.minLength, 'an empty tenant id is refused before anything is deployed').to.deep.equal([36]);
        });

        it('stops a SingleTenant deployment whose app id is not filled in, with what to set', () => {
            expect(() => settings(deployment({ microsoftAppId: '' }))).to.throw(TemplateFailure, /microsoftAppId .*GUID/);
            const placeholder = render({}).microsoftAppId ?? null;
            expect(() => settings(deployment({ microsoftAppId: placeholder }))).to.throw(TemplateFailure, /microsoftAppId/);
            // README step 3 fills the placeholder in; the command must name it exactly.
            expect(deployReadme).to.contain(String(placeholder));
        });
    });

    describe('settings that resolve before they are used', () => {
        it('keeps the app settings in a sites/config resource that waits for the Key Vault role', () => {
            const [config] = resourcesOfType('Microsoft.Web/sites/config').filter((r) => body(deployment(), nameOf(r)).name === 'appsettings');
            expect(config, 'a Microsoft.Web/sites/config resource named appsettings').to.not.equal(undefined);
            expect(property(config!, 'dependsOn')?.namedChildren.map((n) => n.text)).to.include('vaultSecretsUser');
            const siteConfig = (body(deployment(), 'site').properties as Record<string, Record<string, Value>>).siteConfig!;
            expect(siteConfig, 'no settings inline in the site, where they could be read before the role exists').to.not.have.property('appSettings');
        });
    });

    describe('limits that fit App Service', () => {
        // Microsoft, "Scale up an app in Azure App Service": Basic, Standard and Premium scale out to 3, 10 and 30 instances.
        const documented: Record<string, number> = { B: 3, S: 10, P: 30 };

        it('refuses more instances than the chosen plan runs, and allows exactly its limit', () => {
            const skus = decoratorsOf(declarations(template, 'parameter_declaration').get('appServiceSku')!).allowed![0] as string[];
            for (const sku of skus) {
                const limit = documented[sku[0]!]!;
                const capacity = (instanceCount: number) => {
                    const plan = body(deployment({ appServiceSku: sku, instanceCount }), 'plan');
                    return (plan.sku as Record<string, Value>).capacity;
                };
                expect(capacity(limit), sku).to.equal(limit);
                const message = new RegExp(`instanceCount ${limit + 1} .*${sku}`);
                expect(() => capacity(limit + 1), `${sku} with ${limit + 1} instances`).to.throw(TemplateFailure, message);
            }
        });

        it('refuses a name prefix that the storage account and registry names would not accept', () => {
            for (const prefix of ['bmw-help', 'BmwHelp', 'bmw_help', 'bmw.help']) {
                const storageName = () => deployment({ namePrefix: prefix }).variable('storageAccountName');
                expect(storageName, prefix).to.throw(TemplateFailure, /lowercase letters and digits/);
            }
            const longest = deployment({ namePrefix: 'abcdefgh12' });
            // uniqueString gives 13 characters; the template keeps 8 (its «…» marker stands for them here).
            const withSuffix = (name: Value) => String(name).replace(/«[^»]+»/, 'x'.repeat(8));
            expect(withSuffix(longest.variable('storageAccountName'))).to.match(/^[a-z0-9]{3,24}$/);
            expect(withSuffix(longest.variable('registryName'))).to.match(/^[a-zA-Z0-9]{5,50}$/);
            expect(withSuffix(longest.variable('vaultName'))).to.match(/^[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$/);
            expect(decoratorsOf(declarations(template, 'parameter_declaration').get('namePrefix')!).maxLength).to.deep.equal([10]);
        });

        it('sets the per-address limits for everyone arriving through App Service\'s front ends', () => {
            const defaults = configSchema.parse({});
            const values = settings(deployment());
            const perAddress = Number(values.RATE_LIMIT_PER_ADDRESS);
            // Room for at least 100 people typing at the per-conversation limit at once, per instance.
            expect(perAddress).to.be.at.least(100 * defaults.RATE_LIMIT_PER_CONVERSATION);
            expect(Number(values.TOKEN_RATE_LIMIT_PER_ADDRESS)).to.be.at.least(10 * defaults.TOKEN_RATE_LIMIT_PER_ADDRESS);
            expect(deployReadme).to.contain('RATE_LIMIT_PER_ADDRESS');
        });
    });

    describe('managed identity for Blob Storage and Cosmos DB', () => {
        it('turns account keys off on both stores', () => {
            const evaluator = deployment({ storageKind: 'cosmos' });
            expect((body(evaluator, 'storageAccount').properties as Record<string, Value>).allowSharedKeyAccess).to.equal(false);
            expect((body(evaluator, 'cosmosAccount').properties as Record<string, Value>).disableLocalAuth).to.equal(true);
            expect(templateText, 'no key is read out of either account').to.not.match(/listKeys\(/);
        });

        for (const [path, overrides] of Object.entries(paths)) {
            it(`gives the identity the bot signs in with the data roles, and the settings name no key (${path})`, () => {
                const evaluator = deployment(overrides);
                const values = settings(evaluator);
                const msi = overrides.microsoftAppType === 'UserAssignedMSI';
                const principal = msi ? '«botIdentity.properties.principalId»' : '«site.identity.principalId»';
                expect(values.BLOB_ACCOUNT_URL).to.match(/^https:\/\/stbmwhelp«[^»]+»\.blob\.core\.windows\.net$/);
                expect(Object.keys(values)).to.not.include.members(['BLOB_CONNECTION_STRING']);
                expect(Object.keys(values)).to.not.include('COSMOS_KEY');
                if (msi) expect(values.AZURE_CLIENT_ID).to.equal('«botIdentity.properties.clientId»');
                else expect(values).to.not.have.property('AZURE_CLIENT_ID');

                const blobRole = body(evaluator, 'blobDataContributor');
                expect(valueOf(resource('blobDataContributor')).text).to.not.match(/^if/);
                expect(property(resource('blobDataContributor'), 'scope')?.text).to.equal('storageAccount');
                const blobProperties = blobRole.properties as Record<string, Value>;
                expect(blobProperties.principalId).to.equal(principal);
                expect(evaluator.variable('blobDataContributorRole')).to.equal('ba92f5b4-2d11-453d-a403-e96b0029c9fe');

                if (overrides.storageKind === 'cosmos') {
                    expect(values.COSMOS_ENDPOINT).to.match(/^https:\/\/cosmos-bmwhelp-«[^»]+»\.documents\.azure\.com:443\/$/);
                    expect(deployed(evaluator, 'cosmosDataContributor')).to.equal(true);
                    const cosmosRole = body(evaluator, 'cosmosDataContributor').properties as Record<string, Value>;
                    expect(cosmosRole.principalId).to.equal(principal);
                    // Cosmos DB Built-in Data Contributor.
                    expect(cosmosRole.roleDefinitionId).to.match(/\/sqlRoleDefinitions\/00000000-0000-0000-0000-000000000002$/);
                } else {
                    expect(deployed(evaluator, 'cosmosDataContributor')).to.equal(false);
                }
            });
        }
    });

    describe('observability', () => {
        it('sends to a workspace-based Application Insights through the standard connection-string setting', () => {
            const evaluator = deployment();
            const [insights] = resourcesOfType('Microsoft.Insights/components');
            const [workspace] = resourcesOfType('Microsoft.OperationalInsights/workspaces');
            expect(insights && workspace, 'Application Insights and a Log Analytics workspace').to.not.equal(undefined);
            const properties = body(evaluator, nameOf(insights!)).properties as Record<string, Value>;
            expect(properties.WorkspaceResourceId).to.equal(`«${nameOf(workspace!)}.id»`);
            expect(settings(evaluator).APPLICATIONINSIGHTS_CONNECTION_STRING).to.equal(`«${nameOf(insights!)}.properties.ConnectionString»`);
        });

        it('keeps the container\'s output for az webapp log tail', () => {
            const evaluator = deployment();
            const [logs] = resourcesOfType('Microsoft.Web/sites/config').filter((r) => body(evaluator, nameOf(r)).name === 'logs');
            expect(logs, 'a Microsoft.Web/sites/config resource named logs').to.not.equal(undefined);
            type Logs = { httpLogs: { fileSystem: Record<string, Value> } };
            const { fileSystem } = (body(evaluator, nameOf(logs!)).properties as Logs).httpLogs;
            expect(fileSystem.enabled).to.equal(true);
            expect(fileSystem.retentionInDays).to.be.above(0);
            expect(deployReadme).to.contain('az webapp log tail');
        });
    });
});

