// App Service leaves "@Microsoft.KeyVault(...)" in a setting when it cannot read the secret (the
// role not applied yet, the secret missing). The real bot process must then refuse to start,
// naming the setting and what to check, rather than answer /healthz ok and fail every turn.
import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../bot/config';
import { startBotProcess } from './serverProcess';

const reference = '@Microsoft.KeyVault(SecretUri=https://kv-bmwhelp.vault.azure.net/secrets/MicrosoftAppPassword)';
const production = {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    STORAGE: 'memory',
    MicrosoftAppType: 'SingleTenant',
    MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
    MicrosoftAppTenantId: '00000000-0000-0000-0000-000000000002'
};

describe('unresolved Key Vault references', function () {
    this.timeout(90_000);

    it('the bot process exits before /healthz ever answers ok, naming the setting and the role to check', async () => {
        // startBotProcess polls /healthz until it answers ok, and rejects when the process exits first.
        const refused = await startBotProcess({ ...production, MicrosoftAppPassword: reference }).then(
            async (bot) => {
                await bot.kill('SIGKILL');
                return undefined;
            },
            (err: Error) => err.message
        );
        expect(refused, 'the bot became ready with an unresolved reference').to.be.a('string');
        expect(refused).to.match(/^the bot exited with 1: /);
        expect(refused).to.contain('MicrosoftAppPassword: is an unresolved Key Vault reference');
        expect(refused).to.contain('"Key Vault Secrets User" role');
        // The same settings with the secret resolved start (so the reference alone made the difference).
        const bot = await startBotProcess({ ...production, MicrosoftAppPassword: 'resolved-secret' });
        await bot.kill();
    });

    it('names every unresolved setting, the ones only the Azure SDKs read too, and no other problem for them', () => {
        let error: unknown;
        try {
            loadConfig({ ...production, MicrosoftAppPassword: reference, DIRECT_LINE_SECRET: ` ${reference}`, SOME_SDK_SETTING: reference });
        } catch (err) {
            error = err;
        }
        expect(error).to.be.instanceOf(ConfigError);
        const names = (error as ConfigError).problems.map((p) => p.split(':')[0]);
        expect(names).to.deep.equal(['MicrosoftAppPassword', 'DIRECT_LINE_SECRET', 'SOME_SDK_SETTING']);
    });
});
