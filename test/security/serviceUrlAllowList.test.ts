// The serviceUrl matcher on its own: the spellings an attacker would try against each kind of
// entry, and the ones real channels send. Only the matcher is exercised here: none of these hosts
// is ever contacted (this machine may talk to loopback only).
import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../bot/config';
import { isLoopbackHost, parseAllowedOrigin, ServiceUrlAllowList, type AllowListOptions } from '../../bot/security/serviceUrlAllowList';

const allowList = (options: Partial<AllowListOptions> = {}) => new ServiceUrlAllowList({ configured: [], channels: false, loopback: false, ...options });

function expectAllowed(list: ServiceUrlAllowList, urls: string[]): void {
    for (const url of urls) expect(list.check(url).allowed, url).to.equal(true);
}

function expectRefused(list: ServiceUrlAllowList, urls: string[]): void {
    for (const url of urls) expect(list.check(url).allowed, url).to.equal(false);
}

describe('serviceUrl allow-list: the matcher', () => {
    describe("Microsoft's channel hosts (authentication on)", () => {
        const channels = allowList({ channels: true });

        it('takes the serviceUrls Teams and the Bot Framework channels send', () => {
            expectAllowed(channels, [
                'https://smba.trafficmanager.net/emea/',
                'https://smba.trafficmanager.net/amer/72f988bf-86f1-41af-91ab-2d7cd011db47/',
                'https://smba.infra.gcc.teams.microsoft.com/teams',
                'https://smba.infra.gov.teams.microsoft.us/teams',
                'https://smba.infra.dod.teams.microsoft.us/teams',
                'https://webchat.botframework.com/',
                'https://directline.botframework.com/',
                'https://europe.directline.botframework.com/',
                'https://webchat.botframework.azure.us/'
            ]);
        });

        it('compares hosts, not text: upper case and an explicit default port are the same origin', () => {
            expectAllowed(channels, ['HTTPS://SMBA.TRAFFICMANAGER.NET/emea/', 'https://smba.trafficmanager.net:443/emea/']);
        });

        it('refuses a look-alike host that merely starts or ends like an allowed one', () => {
            expectRefused(channels, [
                'https://smba.trafficmanager.net.evil.example/emea/',
                'HTTPS://SMBA.TRAFFICMANAGER.NET.EVIL.EXAMPLE/',
                'https://evil-smba.trafficmanager.net/',
                'https://smba.trafficmanager.network/',
                'https://evilbotframework.com/',
                'https://botframework.com.evil.example/',
                // The *. wildcard covers hosts below the domain, not the domain itself.
                'https://botframework.com/'
            ]);
        });

        it('refuses user names, passwords and the @ trick', () => {
            expectRefused(channels, [
                'https://user@smba.trafficmanager.net/emea/',
                'https://user:secret@webchat.botframework.com/',
                'https://smba.trafficmanager.net@evil.example/',
                'https://smba.trafficmanager.net:443@evil.example/'
            ]);
        });

        it('refuses a trailing dot, backslashes, percent-encoded and IDN look-alike hosts', () => {
            expectRefused(channels, [
                'https://smba.trafficmanager.net./emea/',
                'https://webchat.botframework.com./',
                'https://smba.trafficmanager.net\\@evil.example/',
                'https://smba.trafficmanager.net%2eevil.example/',
                // Cyrillic "а" in trafficmanаger, and the same host written in punycode.
                'https://smba.trafficmanаger.net/emea/',
                `https://${new URL('https://smba.trafficmanаger.net/').hostname}/emea/`,
                // Ideographic full stops, which URL parsers map to "."
                'https://smba。trafficmanager。net/emea/',
                ' https://smba.trafficmanager.net/emea/',
                'https://smba.trafficmanager.net/em ea/'
            ]);
        });

        it('refuses another scheme or port on an allowed host', () => {
            expectRefused(channels, ['http://smba.trafficmanager.net/emea/', 'https://smba.trafficmanager.net:8443/emea/', 'ftp://webchat.botframework.com/', 'file:///etc/passwd']);
        });

        it('refuses loopback, private and link-local addresses when loopback is not allowed (production)', () => {
            expectRefused(channels, ['http://localhost:3978/', 'http://127.0.0.1:3978/', 'http://[::1]:3978/', 'http://169.254.169.254/', 'http://10.0.0.1/', 'http://0.0.0.0:3978/']);
        });

        it('refuses a query or fragment, and what is not a URL', () => {
            expectRefused(channels, ['https://webchat.botframework.com/?next=https://evil.example', 'https://webchat.botframework.com/#x', 'not a url', '', 'https://', `https://webchat.botframework.com/${'a'.repeat(3000)}`]);
            for (const value of [undefined, null, 42, {}, ['https://webchat.botframework.com/']]) expect(channels.check(value).allowed, String(value)).to.equal(false);
        });

        it('names the parsed host in a refusal, and nothing else of the URL', () => {
            const verdict = channels.check('https://smba.trafficmanager.net.evil.example/emea/conversations/secret-id/');
            expect(verdict).to.deep.include({ allowed: false, host: 'smba.trafficmanager.net.evil.example' });
            expect(JSON.stringify(verdict)).not.to.include('secret-id');
        });
    });

    describe('loopback (development only)', () => {
        const development = allowList({ loopback: true });

        it('takes the Emulator and local channels on any loopback port', () => {
            expectAllowed(development, ['http://localhost:55123', 'http://LOCALHOST:3978/', 'http://127.0.0.1:9/', 'http://127.8.9.10:80/', 'https://localhost:8443/', 'http://[::1]:3978/', 'http://[::ffff:7f00:1]:3978/']);
        });

        it('refuses names that only start with localhost, and the "any" addresses that reach this host', () => {
            expectRefused(development, [
                'http://localhost.attacker.example/',
                'http://localhost.:3978/',
                'http://127.0.0.1.nip.io/',
                'http://sub.localhost:3978/',
                'http://0.0.0.0:3978/',
                'http://[::]:3978/',
                'http://user@localhost:3978/'
            ]);
        });

        it('refuses loopback written in a non-standard form, so every HTTP client reads the same host', () => {
            expectRefused(development, ['http://127.1:3978/', 'http://0x7f000001:3978/', 'http://2130706433/', 'http://0177.0.0.1/', 'http://[0:0:0:0:0:0:0:1]:3978/', 'http://[::ffff:127.0.0.1]:3978/']);
        });

        it('knows loopback hosts from others', () => {
            expect(['localhost', '127.0.0.1', '127.255.0.1', '[::1]', '[::ffff:7f00:1]'].map(isLoopbackHost)).to.deep.equal([true, true, true, true, true]);
            expect(['localhost.example', '0.0.0.0', '[::]', '10.0.0.1', '[fe80::1]', 'example.com'].map(isLoopbackHost)).to.deep.equal([false, false, false, false, false, false]);
        });
    });

    describe("the built-in Direct Line's own serviceUrl", () => {
        let own: string | undefined = 'http://127.0.0.1:4000/dl-4f0c2b9e';
        const production = allowList({ ownServiceUrl: () => own });

        it('is allowed under its own path only, in production too', () => {
            expectAllowed(production, ['http://127.0.0.1:4000/dl-4f0c2b9e', 'http://127.0.0.1:4000/dl-4f0c2b9e/', 'http://127.0.0.1:4000/dl-4f0c2b9e/v3/conversations/c1/activities']);
            expectRefused(production, [
                'http://127.0.0.1:4000/',
                'http://127.0.0.1:4000/dl-4f0c2b9e-other/',
                'http://127.0.0.1:4000/dl-4f0c2b9e/../v3/',
                'http://127.0.0.1:4000/dl-4f0c2b9e/%2e%2e/v3/',
                'http://127.0.0.1:4001/dl-4f0c2b9e/',
                'http://localhost:4000/dl-4f0c2b9e/',
                'https://127.0.0.1:4000/dl-4f0c2b9e/'
            ]);
        });

        it('is not allowed while the built-in Direct Line is off', () => {
            own = undefined;
            expectRefused(production, ['http://127.0.0.1:4000/dl-4f0c2b9e/']);
        });
    });

    describe('SERVICE_URL_ALLOWLIST', () => {
        it('reads comma-separated origins, with a leftmost *. wildcard', () => {
            const config = loadConfig({ SERVICE_URL_ALLOWLIST: ' https://channel.example.com , https://*.bots.example.org:8443,http://127.0.0.1:7000' });
            const list = allowList({ configured: config.SERVICE_URL_ALLOWLIST });
            expectAllowed(list, ['https://channel.example.com/v3/', 'https://a.bots.example.org:8443/', 'https://a.b.bots.example.org:8443/', 'http://127.0.0.1:7000/']);
            expectRefused(list, [
                'https://channel.example.com.evil.example/',
                'https://other.example.com/',
                'https://bots.example.org:8443/',
                'https://a.bots.example.org/',
                'https://a.bots.example.org.evil.example:8443/',
                'http://127.0.0.1:7001/',
                'http://localhost:7000/'
            ]);
        });

        it('stops the bot at start on an entry that is not an origin, naming it and what to write', () => {
            for (const bad of ['channel.example.com', 'https://channel.example.com/path', 'https://user@channel.example.com', 'https://*.com', 'https://*.10.0.0.1', 'https://a.*.example.com', 'ftp://channel.example.com', 'https://channel.example.com.']) {
                expect(() => loadConfig({ SERVICE_URL_ALLOWLIST: bad }), bad).to.throw(ConfigError, /SERVICE_URL_ALLOWLIST/);
            }
            expect(() => parseAllowedOrigin('https://channel.example.com/path')).to.throw(/has a path: give an origin such as https:\/\/host/);
        });

        it('is empty by default', () => {
            expect(loadConfig({}).SERVICE_URL_ALLOWLIST).to.deep.equal([]);
        });
    });
});
